// NotpSdkOptions: every option of the browser SDK, with its default (the seed docs' names and meanings).
import type { HttpHooks, Logger } from '@notp/core';
import type { KeyValueStorage } from './internal/KeyValueStorage.js';

/** Where and how the session token is kept when `sessionTokenViaCookie` is on. */
export interface SessionCookieOptions {
  /** Default `Strict`. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Default: true on https pages, false on http ones (a browser drops a Secure cookie set from http). */
  secure?: boolean;
  /** Default: the `cookieDomain` the server sends, when it matches the page's host. */
  domain?: string;
}

export interface NotpSdkOptions {
  /** The project id (`P` + 27 letters or digits). Required. */
  projectId: string;
  /** The notp server, e.g. `https://auth.app.example.com`. Default `http://localhost:4000`. */
  baseUrl?: string;
  /** Accepted for compatibility with the seed docs; the SDK loads no static files. */
  baseStaticUrl?: string;
  /** Accepted for compatibility with the seed docs; the SDK loads no external scripts. */
  baseCdnUrl?: string;
  /** Keep the session and refresh tokens in localStorage (or `customStorage`). Default true. */
  persistTokens?: boolean;
  /** Refresh the session before the session token expires, and when the tab wakes up late. Default true. */
  autoRefresh?: boolean;
  /** Keep the session token in a JS cookie `DS` instead of localStorage (only with `persistTokens`). Default false. */
  sessionTokenViaCookie?: boolean | SessionCookieOptions;
  /** Remember the last authenticated user in storage (see `getUser()`). Default true. */
  storeLastAuthenticatedUser?: boolean;
  /** Keep the remembered user after logout. Default false. */
  keepLastAuthenticatedUserAfterLogout?: boolean;
  /** Not supported by notp (it has no OIDC federation); passing it throws. */
  oidcConfig?: unknown;
  /** Prepended to every storage key, for several projects on one origin. Default `''`. */
  storagePrefix?: string;
  /** Storage to use instead of localStorage. Default: localStorage, or memory where there is none. */
  customStorage?: KeyValueStorage;
  /** Fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Where the SDK reports failures of subscribers. Default `console`. */
  logger?: Logger;
  /** Headers sent with every request. */
  baseHeaders?: Record<string, string>;
  /** Transport hooks, called for every request. */
  hooks?: HttpHooks;
}
