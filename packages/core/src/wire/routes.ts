// Route paths of the notp HTTP contract (CONTRACT.md): the only copy, used by the server and every SDK.

export const routes = Object.freeze({
  notp: Object.freeze({
    signUp: '/v1/auth/notp/whatsapp/signup',
    signIn: '/v1/auth/notp/whatsapp/signin',
    signUpOrIn: '/v1/auth/notp/whatsapp/signup-in',
    update: '/v1/auth/notp/whatsapp/update',
    pendingSession: '/v1/auth/notp/pending-session',
  }),
  session: Object.freeze({
    refresh: '/v1/auth/refresh',
    tryRefresh: '/v1/auth/try-refresh',
    logout: '/v1/auth/logout',
    logoutAll: '/v1/auth/logoutall',
    me: '/v1/auth/me',
    meTenants: '/v1/auth/me/tenants',
    meHistory: '/v1/auth/me/history',
    selectTenant: '/v1/auth/tenant/select',
  }),
  keys: Object.freeze({
    /** `GET /v2/keys/:projectId` */
    jwks: '/v2/keys/:projectId',
    wellKnown: '/.well-known/jwks.json',
  }),
  mgmt: Object.freeze({
    license: '/v1/mgmt/license',
    userCreate: '/v1/mgmt/user/create',
    userCreateTest: '/v1/mgmt/user/create/test',
    /** `GET ?loginId=` or `?userId=` */
    userLoad: '/v1/mgmt/user',
    userUpdate: '/v1/mgmt/user/update',
    userPatch: '/v1/mgmt/user/patch',
    userUpdatePhone: '/v1/mgmt/user/update/phone',
    userUpdateStatus: '/v1/mgmt/user/update/status',
    userDelete: '/v1/mgmt/user/delete',
    userSearch: '/v2/mgmt/user/search',
    userLogout: '/v1/mgmt/user/logout',
    jwtUpdate: '/v1/mgmt/jwt/update',
    /** `POST { name }` (`management.project.updateName`): the name WhatsApp messages use. */
    projectUpdateName: '/v1/mgmt/project/update/name',
    userRoleAdd: '/v2/mgmt/user/update/role/add',
    userRoleRemove: '/v1/mgmt/user/update/role/remove',
    userRoleSet: '/v1/mgmt/user/update/role/set',
    userTenantAdd: '/v1/mgmt/user/update/tenant/add',
    userTenantRemove: '/v1/mgmt/user/update/tenant/remove',
    permissionCreate: '/v1/mgmt/permission/create',
    permissionUpdate: '/v1/mgmt/permission/update',
    permissionDelete: '/v1/mgmt/permission/delete',
    permissionAll: '/v1/mgmt/permission/all',
    roleCreate: '/v1/mgmt/role/create',
    roleUpdate: '/v1/mgmt/role/update',
    roleDelete: '/v1/mgmt/role/delete',
    roleAll: '/v1/mgmt/role/all',
    roleSearch: '/v1/mgmt/role/search',
    tenantCreate: '/v1/mgmt/tenant/create',
    tenantUpdate: '/v1/mgmt/tenant/update',
    tenantDelete: '/v1/mgmt/tenant/delete',
    /** `GET ?id=` */
    tenantLoad: '/v1/mgmt/tenant',
    tenantAll: '/v1/mgmt/tenant/all',
    tenantSearch: '/v1/mgmt/tenant/search',
    /** notp's own management routes live under this prefix. */
    notpPrefix: '/v1/mgmt/notp',
    /** `GET ?userId=` or `?loginId=`: the user's refresh sessions. */
    notpSessions: '/v1/mgmt/notp/sessions',
    /** `POST { sessionId }`: revokes that login (its rotation family). */
    notpSessionRevoke: '/v1/mgmt/notp/sessions/revoke',
    /** `GET` → `{ keys: [{ kid, alg, createdAt, status: 'active' | 'retiring', retiresAt }] }`, newest first. */
    notpKeys: '/v1/mgmt/notp/keys',
    /** `POST {}`: new active signing key, the old one kept in the JWKS until its tokens expire. */
    notpKeysRotate: '/v1/mgmt/notp/keys/rotate',
    /** `GET ?userId=&type=&since=&until=&cursor=&limit=`: the audit log, newest first. */
    notpAudit: '/v1/mgmt/notp/audit',
    /** `GET ?range=hour|day|week`: logins over time, funnel, completion time, failures, provider health. */
    notpActivity: '/v1/mgmt/notp/activity',
    /** `POST { locale, templates? }` → `{ locale, prefilled, replies }`: the WhatsApp texts with sample values. */
    notpTemplatesPreview: '/v1/mgmt/notp/templates/preview',
    /** `GET ?userId=&limit=` → `{ logins }`: the user's recent logins, newest first. */
    notpLoginHistory: '/v1/mgmt/notp/login-history',
    /** `GET` → `{ projectId, name, settings }`. */
    notpProject: '/v1/mgmt/notp/project',
    /** `PATCH` any subset of the settings (JSON Merge Patch) → `{ settings }`, validated as a whole. */
    notpProjectSettings: '/v1/mgmt/notp/project/settings',
  }),
  webhooks: Object.freeze({
    whatsapp: '/webhooks/whatsapp',
    twilio: '/webhooks/twilio',
  }),
  simulator: Object.freeze({
    /** The chat page that a simulator-mode `redirectUrl` opens. */
    chat: '/simulator/chat',
    messages: '/simulator/messages',
  }),
  sdkBundle: '/sdk/web-js-sdk.js',
  /** The login element's IIFE bundle (web SDK inside): one <script> registers <notp-whatsapp-login>. */
  loginElementBundle: '/sdk/login-element.js',
  /** The demo app (simulator mode only); `<demo>/config.js` tells it the development project. */
  demo: '/demo',
  health: '/health',
  ready: '/ready',
  metrics: '/metrics',
});

/** Fills `:param` placeholders of a route path. */
export function routePath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Header our SDKs send to ask the server to hold pending-session until verified (RFC 7240). */
export const PREFER_WAIT_HEADER = 'prefer';
/** Longest hold the server grants, in seconds. */
export const MAX_WAIT_SEC = 30;
/** Cookie names of the session and refresh JWTs. */
export const SESSION_COOKIE_NAME = 'DS';
export const REFRESH_COOKIE_NAME = 'DSR';
