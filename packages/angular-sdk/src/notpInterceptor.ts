// notpInterceptor: adds `Authorization: Bearer <session token>` to HttpClient requests bound for the app's own APIs.
import { DOCUMENT } from '@angular/common';
import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { matchesInterceptUrls } from './internal/matchesInterceptUrls.js';
import { NOTP_AUTH_CONFIG } from './NotpAuthConfig.js';
import { NotpAuthService } from './NotpAuthService.js';

/**
 * Functional interceptor: `provideHttpClient(withInterceptors([notpInterceptor]))`. Only requests matched by
 * `interceptUrls` (default: the page's origin and `baseUrl`'s) get the token; a request that already carries an
 * `Authorization` header, or any request while signed out, passes unchanged.
 */
export const notpInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.headers.has('Authorization')) return next(request);
  const config = inject(NOTP_AUTH_CONFIG);
  const pageUrl = inject(DOCUMENT).location?.href;
  if (!matchesInterceptUrls(request.urlWithParams, pageUrl, config)) return next(request);
  const sessionToken = inject(NotpAuthService).getSessionToken();
  if (!sessionToken) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${sessionToken}` } }));
};
