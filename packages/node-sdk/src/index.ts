// @notp/node-sdk public API: named by hand, no `export *` (STYLE.md §14).
import { NotpClient } from './NotpClient.js';

export default NotpClient;
export { NotpClient, SDK_VERSION } from './NotpClient.js';
export type { NotpClientConfig, NotpNodeClient, JWTResponseWithCookies } from './NotpClient.js';
export { jwtResponseToCookies } from './session/jwtResponseToCookies.js';
export { issuerMatches, CLOCK_TOLERANCE_SEC } from './jwt/validateJwt.js';
export type { VerifyOptions } from './jwt/validateJwt.js';
export type { UserManagement } from './management/createUserManagement.js';
export { errors, isTerminalCode } from '@notp/core';
export type {
  AuthenticationInfo,
  ErrorBody,
  JWTResponse,
  LoginOptions,
  NOTPResponse,
  NOTPUpdateOptions,
  PatchUserOptions,
  SdkResponse,
  SignUpOptions,
  User,
  UserOptions,
  UserResponse,
  UserSearchRequest,
  UserSearchResponse,
  WaitForSessionConfig,
} from '@notp/core';
