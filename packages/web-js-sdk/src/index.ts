// @notp/web-js-sdk public API: default export NotpSdk; the rest named by hand (STYLE.md §14).
import { NotpSdk } from './NotpSdk.js';

export default NotpSdk;
export { NotpSdk };
export type { NotpSdkInstance } from './NotpSdk.js';
export type { NotpSdkOptions, SessionCookieOptions } from './NotpSdkOptions.js';
export type { KeyValueStorage } from './internal/KeyValueStorage.js';
export type { PersistTokensApi } from './enhancers/withPersistTokens/withPersistTokens.js';
export type { LastUserApi } from './enhancers/withLastUser/withLastUser.js';
export type { NotificationsApi } from './enhancers/withNotifications/withNotifications.js';
export {
  SESSION_TOKEN_KEY,
  REFRESH_TOKEN_KEY,
  LOGGED_IN_INDICATOR_KEY,
} from './enhancers/withPersistTokens/storageKeys.js';
export {
  LAST_USER_LOGIN_ID_KEY,
  LAST_USER_DISPLAY_NAME_KEY,
  LAST_USER_KEY,
} from './enhancers/withLastUser/withLastUser.js';
export { refreshDelayMs } from './enhancers/withAutoRefresh/refreshDelayMs.js';
export { createAuthState, SERVER_AUTH_SNAPSHOT } from './createAuthState.js';
export type { AuthState, AuthSnapshot } from './createAuthState.js';
export { SDK_VERSION } from './sdkVersion.js';
export { errors, isTerminalCode } from '@notp/core';
export type {
  JWTResponse,
  NOTPResponse,
  SdkResponse,
  SessionClaims,
  UserResponse,
  LoginOptions,
  SignUpOptions,
  User,
  WaitForSessionConfig,
  ErrorBody,
} from '@notp/core';
