// The console session's lifetimes, cookie and CSRF header names: the one place they are set (docs/console.md).

/** A console session unused this long ends (sliding: every authenticated request moves it). */
export const CONSOLE_IDLE_TIMEOUT_MS = 30 * 60 * 1000; // 30 min
/** A console session ends this long after sign-in, however busy. */
export const CONSOLE_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000; // 12 h
/** lastSeenAt is written at most this often per session (keeps a busy console from writing on every request). */
export const CONSOLE_TOUCH_EVERY_MS = 60 * 1000; // 1 min
/** The header that carries the CSRF token on every console call but the sign-in itself. */
export const CONSOLE_CSRF_HEADER = 'x-notp-csrf';

/**
 * The session cookie's name: `__Host-` (Secure, host-only, Path=/ enforced by browsers) when the public URL is
 * https; plain on http (development), where browsers refuse `__Host-` cookies.
 */
export function consoleCookieName(publicUrl: string): string {
  return isHttps(publicUrl) ? '__Host-notp-console' : 'notp-console';
}

export function isHttps(publicUrl: string): boolean {
  return publicUrl.startsWith('https:');
}
