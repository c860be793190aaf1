// provideNotp: the standalone way to configure notp (`bootstrapApplication(App, { providers: [provideNotp(config)] })`).
import { type EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { NOTP_AUTH_CONFIG, type NotpAuthConfig } from './NotpAuthConfig.js';
import { NotpAuthService } from './NotpAuthService.js';

/** Provides the config and the one NotpAuthService of the app. */
export function provideNotp(config: NotpAuthConfig): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: NOTP_AUTH_CONFIG, useValue: config }, NotpAuthService]);
}
