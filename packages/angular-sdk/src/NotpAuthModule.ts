// NotpAuthModule: the NgModule way to configure notp (`NotpAuthModule.forRoot(config)`), for module-based apps.
import { type ModuleWithProviders, NgModule } from '@angular/core';
import { NOTP_AUTH_CONFIG, type NotpAuthConfig } from './NotpAuthConfig.js';
import { NotpAuthService } from './NotpAuthService.js';

@NgModule({})
// biome-ignore lint/complexity/noStaticOnlyClass: Angular's module API is a class with a static forRoot
export class NotpAuthModule {
  /** Provides the config and the one NotpAuthService of the app; import it once, in the root module. */
  static forRoot(config: NotpAuthConfig): ModuleWithProviders<NotpAuthModule> {
    return {
      ngModule: NotpAuthModule,
      providers: [{ provide: NOTP_AUTH_CONFIG, useValue: config }, NotpAuthService],
    };
  }
}
