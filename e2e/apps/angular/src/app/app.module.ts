// AppModule: the seed's app.module.ts with only names changed; projectId/baseUrl come from the page's query string
// (`?projectId=P…&baseUrl=http://127.0.0.1:4000`) so one static build can point at a notp server on any port.
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { APP_INITIALIZER, NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { NotpAuthModule, NotpAuthService, notpInterceptor } from '@notp/angular-sdk';
import { zip } from 'rxjs';
import { AppComponent } from './app.component';
import { SignInComponent } from './sign-in.component';

const query = new URLSearchParams(window.location.search);

export function initializeApp(authService: NotpAuthService) {
  return () => zip([authService.refreshSession(), authService.refreshUser()]);
}

@NgModule({
  declarations: [AppComponent, SignInComponent],
  imports: [
    BrowserModule,
    NotpAuthModule.forRoot({
      projectId: query.get('projectId') ?? '',
      baseUrl: query.get('baseUrl') ?? 'http://localhost:4000',
      persistTokens: true,
      autoRefresh: true,
      sessionTokenViaCookie: false,
      storeLastAuthenticatedUser: true,
      keepLastAuthenticatedUserAfterLogout: false,
    }),
  ],
  providers: [
    {
      provide: APP_INITIALIZER,
      useFactory: initializeApp,
      deps: [NotpAuthService],
      multi: true,
    },
    provideHttpClient(withInterceptors([notpInterceptor])),
  ],
  bootstrap: [AppComponent],
})
export class AppModule {}
