// SignInComponent: "Sign in with WhatsApp" → QR + wa link → waitForSession → (success) with the session (Observables).
import { Component, EventEmitter, inject, Output, signal } from '@angular/core';
import { type JWTResponse, NotpAuthService } from '@notp/angular-sdk';

@Component({
  selector: 'app-sign-in',
  standalone: false,
  template: `
    <button id="sign-in" type="button" [disabled]="!!pending()" (click)="signIn()">Sign in with WhatsApp</button>
    @if (pending(); as p) {
      <img id="qr" alt="Scan with WhatsApp" width="240" height="240" [src]="'data:image/png;base64,' + p.image" />
      <p><a id="wa-link" [href]="p.redirectUrl" target="_blank" rel="noreferrer">Open WhatsApp</a></p>
    }
    @if (error()) {
      <p id="error">{{ error() }}</p>
    }
  `,
})
export class SignInComponent {
  /** The session, once it has landed; the parent's `@if` removes this component on that same change. */
  @Output() readonly success = new EventEmitter<JWTResponse>();
  private readonly auth = inject(NotpAuthService);
  readonly pending = signal<{ image: string; redirectUrl: string } | undefined>(undefined);
  readonly error = signal('');

  signIn(): void {
    this.error.set('');
    this.auth.notpSdk.notp.signUpOrIn('').subscribe((resp) => {
      if (!resp.ok || !resp.data) {
        this.error.set(`${resp.error?.errorCode ?? resp.code}: ${resp.error?.errorMessage ?? 'sign-in failed'}`);
        return;
      }
      this.pending.set({ image: resp.data.image, redirectUrl: resp.data.redirectUrl });
      this.auth.notpSdk.notp.waitForSession(resp.data.pendingRef).subscribe((session) => {
        this.pending.set(undefined);
        if (session.ok && session.data) this.success.emit(session.data);
        else this.error.set(`${session.error?.errorCode ?? session.code}: ${session.error?.errorMessage ?? ''}`);
      });
    });
  }
}
