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
export type {
  User,
  UserTenant,
  UserResponse,
  LoginOptions,
  SignUpOptions,
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
} from './wire/types.js';
