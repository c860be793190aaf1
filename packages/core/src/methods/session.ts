// Session methods over the refresh JWT: refresh, try-refresh, logout, logout-all, me, tenants, history, tenant select.
import type { HttpClient } from '../http/createHttpClient.js';
import { toSdkResponse } from '../http/toSdkResponse.js';
import { routes } from '../wire/routes.js';
import type { JWTResponse, SdkResponse, TenantsResponse, UserHistoryResponse, UserResponse } from '../wire/types.js';

export interface SessionMethods {
  /** New session JWT (and refresh JWT when the project rotates them). Without a token the DSR cookie is used. */
  refresh(refreshToken?: string, externalToken?: string): Promise<SdkResponse<JWTResponse>>;
  /** Like refresh, but `200 {}` when there is no usable token. */
  tryRefresh(refreshToken?: string): Promise<SdkResponse<JWTResponse | Record<string, never>>>;
  logout(refreshToken?: string): Promise<SdkResponse<Record<string, never>>>;
  logoutAll(refreshToken?: string): Promise<SdkResponse<Record<string, never>>>;
  me(refreshToken?: string): Promise<SdkResponse<UserResponse>>;
  /** `true` → the current tenant (`dct`); an array → those tenant ids. */
  myTenants(dctOrIds: true | string[], refreshToken?: string): Promise<SdkResponse<TenantsResponse>>;
  history(refreshToken?: string): Promise<SdkResponse<UserHistoryResponse[]>>;
  selectTenant(tenantId: string, refreshToken?: string): Promise<SdkResponse<JWTResponse>>;
}

const withToken = (token: string | undefined) => (token ? { token } : {});

export function createSessionMethods(http: HttpClient): SessionMethods {
  return {
    refresh: (token, externalToken) =>
      toSdkResponse(() => http.post(routes.session.refresh, externalToken ? { externalToken } : {}, withToken(token))),
    tryRefresh: (token) => toSdkResponse(() => http.post(routes.session.tryRefresh, {}, withToken(token))),
    logout: (token) => toSdkResponse(() => http.post(routes.session.logout, {}, withToken(token))),
    logoutAll: (token) => toSdkResponse(() => http.post(routes.session.logoutAll, {}, withToken(token))),
    me: (token) => toSdkResponse(() => http.get(routes.session.me, withToken(token))),
    myTenants(dctOrIds, token) {
      const body = dctOrIds === true ? { dct: true } : { ids: dctOrIds };
      return toSdkResponse(() => http.post(routes.session.meTenants, body, withToken(token)));
    },
    history: (token) => toSdkResponse(() => http.get(routes.session.meHistory, withToken(token))),
    selectTenant(tenantId, token) {
      if (typeof tenantId !== 'string') throw new TypeError('"tenantId" must be a string');
      return toSdkResponse(() => http.post(routes.session.selectTenant, { tenant: tenantId }, withToken(token)));
    },
  };
}
