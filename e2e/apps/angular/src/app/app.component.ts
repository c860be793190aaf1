// AppComponent: the seed's conditional render: logged in → "Logged in as <userId>" + Logout; else <app-sign-in (success)>.
import { Component, inject } from '@angular/core';
import { type JWTResponse, NotpAuthService } from '@notp/angular-sdk';

declare global {
  interface Window {
    /** The session JWT of every (success): the test checks it arrived although the sign-in had been removed. */
    NOTP_SUCCESS?: string[];
  }
}

@Component({
  selector: 'app-root',
  standalone: false,
  template: `
    <h1>notp Angular example</h1>
    @if ((auth.session$ | async)?.isAuthenticated) {
      <p id="whoami">Logged in as {{ (auth.user$ | async)?.user?.userId ?? '…' }}</p>
      <button id="logout" type="button" (click)="logout()">Logout</button>
    } @else {
      <app-sign-in (success)="onSuccess($event)" />
    }
  `,
})
export class AppComponent {
  readonly auth = inject(NotpAuthService);

  onSuccess(session: JWTResponse): void {
    window.NOTP_SUCCESS = [...(window.NOTP_SUCCESS ?? []), session.sessionJwt];
  }

  logout(): void {
    this.auth.notpSdk.logout().subscribe();
  }
}
