// NotpAuthConfig: the options of NotpAuthModule.forRoot / provideNotp, and the injection token that carries them.
import { InjectionToken } from '@angular/core';
import type { NotpSdkOptions } from '@notp/web-js-sdk';

/**
 * Which HttpClient requests `notpInterceptor` adds `Authorization: Bearer <session token>` to.
 * - strings: URL prefixes, absolute (`https://api.example.com/v1`) or paths on the page's origin (`/api`); the origin
 *   must be equal and the path must match on whole segments (`/api` matches `/api/x`, never `/apix`);
 * - RegExps: tested against the absolute URL;
 * - a function: decides alone.
 */
export type InterceptUrls = readonly (string | RegExp)[] | ((url: URL) => boolean);

export interface NotpAuthConfig extends NotpSdkOptions {
  /**
   * Requests that get the session token. Default: the page's own origin and the origin of `baseUrl`, so the token
   * never leaks to a third party.
   */
  interceptUrls?: InterceptUrls;
}

export const NOTP_AUTH_CONFIG = new InjectionToken<NotpAuthConfig>('NOTP_AUTH_CONFIG');
