// withPersistTokens: keeps the tokens in storage (or the session token in a JS cookie) and the logged-in indicator.
import type { JWTResponse } from '@notp/core';
import type { EnhancerContext, SdkBuilder } from '../../internal/EnhancerContext.js';
import type { SessionCore } from '../../internal/createSessionCore.js';
import { domainMatchesPage, readCookie, removeCookie, writeCookie } from '../../internal/documentCookie.js';
import type { NotpSdkOptions, SessionCookieOptions } from '../../NotpSdkOptions.js';
import { LOGGED_IN_INDICATOR_KEY, REFRESH_TOKEN_KEY, SESSION_TOKEN_KEY } from './storageKeys.js';

export interface PersistTokensApi {
  /** The current session JWT, or `''`. From storage (or the `DS` cookie) when persisted, else from memory. */
  getSessionToken(): string;
  /** The current refresh JWT, or `''` (e.g. when the server keeps it in an HttpOnly cookie). */
  getRefreshToken(): string;
}

const pageIsHttps = () => typeof location !== 'undefined' && location.protocol === 'https:';

export function withPersistTokens<S extends SessionCore>(
  next: SdkBuilder<S, NotpSdkOptions>,
): SdkBuilder<S & PersistTokensApi, NotpSdkOptions> {
  return (options: NotpSdkOptions, context: EnhancerContext) => {
    const { storage, keyPrefix } = context;
    const persist = options.persistTokens !== false;
    const cookieMode: SessionCookieOptions | undefined =
      persist && options.sessionTokenViaCookie
        ? options.sessionTokenViaCookie === true
          ? {}
          : options.sessionTokenViaCookie
        : undefined;
    const sessionKey = keyPrefix + SESSION_TOKEN_KEY;
    const refreshKey = keyPrefix + REFRESH_TOKEN_KEY;
    const indicatorKey = keyPrefix + LOGGED_IN_INDICATOR_KEY;
    let cookieScope: { path?: string; domain?: string } = {};

    const storeSessionToken = (session: JWTResponse) => {
      if (!cookieMode) {
        storage.setItem(sessionKey, session.sessionJwt);
        return;
      }
      const domain = cookieMode.domain ?? (domainMatchesPage(session.cookieDomain) ? session.cookieDomain : undefined);
      cookieScope = { path: session.cookiePath || '/', domain };
      writeCookie(SESSION_TOKEN_KEY, session.sessionJwt, {
        ...cookieScope,
        expires: session.cookieExpiration || undefined,
        sameSite: cookieMode.sameSite ?? 'Strict',
        secure: cookieMode.secure ?? pageIsHttps(),
      });
      storage.removeItem(sessionKey);
    };

    context.listeners.push({
      onSession(session) {
        // The indicator is not a secret, so it is kept even without persistTokens (cookie-delivery projects need it).
        storage.setItem(indicatorKey, String(session.sessionExpiration || ''));
        if (!persist) return;
        storeSessionToken(session);
        if (session.refreshJwt) storage.setItem(refreshKey, session.refreshJwt);
      },
      onSessionEnd() {
        storage.removeItem(indicatorKey);
        storage.removeItem(sessionKey);
        storage.removeItem(refreshKey);
        if (cookieMode) removeCookie(SESSION_TOKEN_KEY, cookieScope);
      },
    });

    const getRefreshToken = () => (persist ? storage.getItem(refreshKey) : null) || context.memory.refreshJwt || '';
    const getSessionToken = () => {
      const stored = persist ? (cookieMode ? readCookie(SESSION_TOKEN_KEY) : storage.getItem(sessionKey)) : null;
      return stored || context.memory.sessionJwt || '';
    };
    context.readRefreshToken = () => getRefreshToken() || undefined;

    const sdk = next(options, context);
    return {
      ...sdk,
      // No token, no indicator: nobody signed in here, so skip the request (the server would answer `200 {}`).
      tryRefresh: (refreshToken?: string) =>
        refreshToken || getRefreshToken() || storage.getItem(indicatorKey)
          ? sdk.tryRefresh(refreshToken)
          : Promise.resolve({ ok: true, data: {} }),
      getSessionToken,
      getRefreshToken,
    };
  };
}
