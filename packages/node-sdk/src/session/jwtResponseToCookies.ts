// JWTResponse → Set-Cookie values: DS (session) and DSR (refresh, HttpOnly), Secure, SameSite=Strict.
import { type JWTResponse, REFRESH_COOKIE_NAME, SESSION_COOKIE_NAME } from '@notp/core';

type CookieSource = Pick<JWTResponse, 'sessionJwt' | 'refreshJwt' | 'cookieDomain' | 'cookiePath' | 'cookieMaxAge'>;

/** Set-Cookie header values for the tokens in `jwtResponse`, with its domain, path and max-age. */
export function jwtResponseToCookies(jwtResponse: CookieSource): string[] {
  const attrs = [`Path=${jwtResponse.cookiePath || '/'}`];
  if (jwtResponse.cookieDomain) attrs.push(`Domain=${jwtResponse.cookieDomain}`);
  if (jwtResponse.cookieMaxAge > 0) attrs.push(`Max-Age=${Math.floor(jwtResponse.cookieMaxAge)}`);
  attrs.push('Secure', 'SameSite=Strict');
  const cookies: string[] = [];
  if (jwtResponse.sessionJwt) cookies.push([`${SESSION_COOKIE_NAME}=${jwtResponse.sessionJwt}`, ...attrs].join('; '));
  // HttpOnly: page scripts never need the refresh JWT, so XSS cannot steal it.
  if (jwtResponse.refreshJwt) {
    cookies.push([`${REFRESH_COOKIE_NAME}=${jwtResponse.refreshJwt}`, ...attrs, 'HttpOnly'].join('; '));
  }
  return cookies;
}

/** The value of cookie `name` in a Cookie header or in joined Set-Cookie values; null when absent. */
export function cookieValue(header: string | undefined | null, name: string): string | null {
  if (!header) return null;
  const match = new RegExp(`(?:^|[;,]\\s*)${name}=([^;,]*)`).exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
