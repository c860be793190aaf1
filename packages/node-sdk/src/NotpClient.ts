// NotpClient: the Node SDK — nOTP methods, local session validation (cached JWKS), refresh/logout/me, management.
import {
  type AuthenticationInfo,
  type CoreSdk,
  createCoreSdk,
  createHttpClient,
  type HttpHooks,
  type JWK,
  type JWTResponse,
  type Logger,
  type NotpMethods,
  REFRESH_COOKIE_NAME,
  routePath,
  routes,
  SESSION_COOKIE_NAME,
  type SdkResponse,
  type SessionMethods,
} from '@notp/core';
import { createUserManagement, type UserManagement } from './management/createUserManagement.js';
import { getMatched, holdsAll } from './session/authorization.js';
import { cookieValue, jwtResponseToCookies } from './session/jwtResponseToCookies.js';
import { KeyCache } from './jwt/KeyCache.js';
import { validateJwt, type VerifyOptions } from './jwt/validateJwt.js';
import { importVerifyKey } from './session/verifyKey.js';

export const SDK_VERSION = '0.1.0';

export interface NotpClientConfig {
  /** `P` + 27 letters or digits. Required. */
  projectId: string;
  /** Server origin. Default: env `NOTP_BASE_URL`, then `http://localhost:4000`. */
  baseUrl?: string;
  /** Needed only for `management.*` calls. */
  managementKey?: string;
  /**
   * The project's management key, sent on auth calls (starts, refresh, …) as `@descope/node-sdk`'s `authManagementKey`
   * is: bearer part 3 after a refresh JWT, else part 2. Set it when this backend starts logins itself and needs
   * (a) trusted custom claims: a start's `customClaims` land at the session JWT's top level instead of under `nsec`;
   * (b) email-login-id starts in a project with `emailLoginIdRequiresManagementKey` on. A wrong key fails those
   * calls with 401 E901003. Never give it to a browser.
   */
  authManagementKey?: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  logger?: Logger;
  baseHeaders?: Record<string, string>;
  hooks?: HttpHooks;
}

/** A JWTResponse as the node SDK returns it: tokens plus ready-to-send Set-Cookie values. */
export type JWTResponseWithCookies = JWTResponse & { cookies: string[] };

export interface NotpNodeClient extends Omit<SessionMethods, 'refresh'> {
  notp: Omit<NotpMethods, 'waitForSession'> & {
    waitForSession(...args: Parameters<NotpMethods['waitForSession']>): Promise<SdkResponse<JWTResponseWithCookies>>;
  };
  refresh(refreshToken?: string, externalToken?: string): Promise<SdkResponse<JWTResponseWithCookies>>;
  management: { user: UserManagement };
  httpClient: CoreSdk['httpClient'];
  /** Verifies any notp JWT locally (signature, exp, iss); throws on failure. */
  validateJwt(jwt: string, options?: VerifyOptions): Promise<AuthenticationInfo>;
  /** Verifies a session JWT locally — no network call once the JWKS is cached; throws on failure. */
  validateSession(sessionToken: string, options?: VerifyOptions): Promise<AuthenticationInfo>;
  /** Validates the refresh JWT locally, calls refresh, validates the new session JWT; throws on failure. */
  refreshSession(refreshToken: string, options?: VerifyOptions): Promise<AuthenticationInfo>;
  /** validateSession, and on failure refreshSession. */
  validateAndRefreshSession(
    sessionToken?: string,
    refreshToken?: string,
    options?: VerifyOptions,
  ): Promise<AuthenticationInfo>;
  validatePermissions(authInfo: AuthenticationInfo, permissions: string[]): boolean;
  getMatchedPermissions(authInfo: AuthenticationInfo, permissions: string[]): string[];
  validateTenantPermissions(authInfo: AuthenticationInfo, tenant: string, permissions: string[]): boolean;
  getMatchedTenantPermissions(authInfo: AuthenticationInfo, tenant: string, permissions: string[]): string[];
  validateRoles(authInfo: AuthenticationInfo, roles: string[]): boolean;
  getMatchedRoles(authInfo: AuthenticationInfo, roles: string[]): string[];
  validateTenantRoles(authInfo: AuthenticationInfo, tenant: string, roles: string[]): boolean;
  getMatchedTenantRoles(authInfo: AuthenticationInfo, tenant: string, roles: string[]): string[];
  /** JWKS fetches so far (the key cache refetches only for an unknown kid). */
  readonly jwksFetches: number;
}

function envBaseUrl(): string | undefined {
  return typeof process !== 'undefined' ? process.env['NOTP_BASE_URL'] || undefined : undefined;
}

/**
 * Adds Set-Cookie values to a session answer; when the server sent the tokens as cookies instead of body fields,
 * lifts them into `sessionJwt`/`refreshJwt` (as the public node SDK does).
 */
function withCookies(result: SdkResponse<JWTResponse>): SdkResponse<JWTResponseWithCookies> {
  if (!result.ok || !result.data) return result as SdkResponse<JWTResponseWithCookies>;
  const data = { ...result.data };
  const setCookies = result.response?.headers.getSetCookie?.() ?? [];
  if (!data.sessionJwt || !data.refreshJwt) {
    const joined = setCookies.join(', ');
    data.sessionJwt ||= cookieValue(joined, SESSION_COOKIE_NAME) ?? '';
    data.refreshJwt ||= cookieValue(joined, REFRESH_COOKIE_NAME) ?? undefined;
  }
  const cookies = setCookies.length > 0 ? setCookies : jwtResponseToCookies(data);
  return { ...result, data: { ...data, cookies } };
}

export function NotpClient(config: NotpClientConfig): NotpNodeClient {
  if (!config || typeof config !== 'object')
    throw new Error('NotpClient: a config object with "projectId" is required');
  const { managementKey, logger, ...coreConfig } = config;
  const transport = {
    ...coreConfig,
    ...(logger ? { logger } : {}),
    baseUrl: config.baseUrl || envBaseUrl(),
    sdkName: 'node-sdk',
    sdkVersion: SDK_VERSION,
  };
  const core = createCoreSdk(transport);
  const { projectId } = config;
  const http = core.httpClient;

  const keys = new KeyCache(async () => {
    const res = await http.get(routePath(routes.keys.jwks, { projectId }));
    if (!res.ok) throw new Error(`failed to fetch the JWKS: HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: JWK[] };
    return Array.isArray(body.keys) ? body.keys : [];
  }, importVerifyKey);

  const client: NotpNodeClient = {
    ...core,
    notp: {
      ...core.notp,
      waitForSession: async (pendingRef, waitConfig) =>
        withCookies(await core.notp.waitForSession(pendingRef, waitConfig)),
    },
    refresh: async (token, externalToken) => withCookies(await core.refresh(token, externalToken)),
    // Management calls carry the management key as part 2 only (an auth management key has no place there).
    management: {
      user: createUserManagement(
        config.authManagementKey ? createHttpClient({ ...transport, authManagementKey: undefined }) : http,
        managementKey,
      ),
    },
    get jwksFetches() {
      return keys.fetches;
    },

    validateJwt: (jwt, options) => validateJwt(keys, projectId, jwt, undefined, options),

    async validateSession(sessionToken, options) {
      if (!sessionToken) throw new Error('session token is required for validation');
      try {
        return await validateJwt(keys, projectId, sessionToken, 'DS', options);
      } catch (err) {
        logger?.error('session validation failed', err);
        throw new Error(`session validation failed. Error: ${err}`, { cause: err });
      }
    },

    async refreshSession(refreshToken, options) {
      if (!refreshToken) throw new Error('refresh token is required to refresh a session');
      try {
        await validateJwt(keys, projectId, refreshToken, 'DSR');
        const refreshed = await client.refresh(refreshToken);
        if (!refreshed.ok || !refreshed.data) throw new Error(refreshed.error?.errorMessage ?? 'refresh failed');
        const info = await validateJwt(keys, projectId, refreshed.data.sessionJwt, 'DS', options);
        info.cookies = refreshed.data.cookies;
        if (refreshed.data.refreshJwt && refreshed.data.refreshJwt !== refreshToken) {
          info.refreshJwt = refreshed.data.refreshJwt;
        }
        return info;
      } catch (err) {
        logger?.error('refresh token validation failed', err);
        throw new Error(`refresh token validation failed, Error: ${err}`, { cause: err });
      }
    },

    async validateAndRefreshSession(sessionToken, refreshToken, options) {
      if (!sessionToken && !refreshToken) throw new Error('both session and refresh tokens are empty');
      if (sessionToken) {
        try {
          return await client.validateSession(sessionToken, options);
        } catch (err) {
          logger?.debug(`session validation failed with error ${err} - trying to refresh it`);
        }
      }
      return client.refreshSession(refreshToken ?? '', options);
    },

    validatePermissions: (info, permissions) => holdsAll(info, 'permissions', '', permissions),
    getMatchedPermissions: (info, permissions) => getMatched(info, 'permissions', '', permissions),
    validateTenantPermissions: (info, tenant, permissions) => holdsAll(info, 'permissions', tenant, permissions),
    getMatchedTenantPermissions: (info, tenant, permissions) => getMatched(info, 'permissions', tenant, permissions),
    validateRoles: (info, roles) => holdsAll(info, 'roles', '', roles),
    getMatchedRoles: (info, roles) => getMatched(info, 'roles', '', roles),
    validateTenantRoles: (info, tenant, roles) => holdsAll(info, 'roles', tenant, roles),
    getMatchedTenantRoles: (info, tenant, roles) => getMatched(info, 'roles', tenant, roles),
  };
  return client;
}

/** Cookie names, as the public node SDK exposes them. */
NotpClient.SessionTokenCookieName = SESSION_COOKIE_NAME;
NotpClient.RefreshTokenCookieName = REFRESH_COOKIE_NAME;
