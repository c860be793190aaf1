// @notp/core public API: named by hand, no `export *` (STYLE.md §14).
export { errors, errorByCode, isTerminalCode, RETIRED_CODES } from './errors/catalogue.js';
export type { ErrorDef, ErrorName } from './errors/catalogue.js';
export { NotpError, isNotpError } from './errors/NotpError.js';
export type { ErrorBody } from './errors/NotpError.js';
export {
  routes,
  routePath,
  PREFER_WAIT_HEADER,
  MAX_WAIT_SEC,
  SESSION_COOKIE_NAME,
  REFRESH_COOKIE_NAME,
} from './wire/routes.js';
export { PROJECT_ID_PATTERN, isProjectId } from './wire/projectId.js';
export type {
  User,
  UserTenant,
  UserResponse,
  LoginOptions,
  SignUpOptions,
  StartOptionsBase,
  AnyStartOptions,
  NOTPUpdateOptions,
  NOTPResponse,
  SignUpRequest,
  SignInRequest,
  UpdateRequest,
  PendingSessionRequest,
  SessionClaims,
  JWTResponse,
  JWK,
  JWKSResponse,
  UserHistoryResponse,
  TenantsResponse,
  SdkResponse,
  AuthenticationInfo,
  AssociatedTenant,
  UserOptions,
  PatchUserOptions,
  MgmtUserRequest,
  UserSearchRequest,
  UserSearchResponse,
} from './wire/types.js';
export { createCoreSdk } from './createCoreSdk.js';
export type { CoreSdk, CoreSdkConfig } from './createCoreSdk.js';
export { createHttpClient, DEFAULT_BASE_URL } from './http/createHttpClient.js';
export type {
  HttpClient,
  HttpClientConfig,
  HttpHooks,
  HttpRequest,
  RequestOptions,
  Logger,
} from './http/createHttpClient.js';
export { toSdkResponse, readSdkResponse, clientFailure } from './http/toSdkResponse.js';
export type { NotpMethods } from './methods/notp.js';
export type { SessionMethods } from './methods/session.js';
export { DEFAULT_POLLING_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS } from './methods/waitForSession.js';
export type { WaitForSessionConfig } from './methods/waitForSession.js';
