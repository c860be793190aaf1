// @notp/angular-sdk public API: named by hand, no `export *` (STYLE.md §14).
export { NotpAuthModule } from './NotpAuthModule.js';
export { provideNotp } from './provideNotp.js';
export { NotpAuthService } from './NotpAuthService.js';
export type { NotpSession, NotpUser } from './NotpAuthService.js';
export { notpInterceptor } from './notpInterceptor.js';
export { NOTP_AUTH_CONFIG } from './NotpAuthConfig.js';
export type { NotpAuthConfig, InterceptUrls } from './NotpAuthConfig.js';
export type { Observabilified } from './observabilify.js';
export type {
  JWTResponse,
  NOTPResponse,
  SdkResponse,
  UserResponse,
  LoginOptions,
  SignUpOptions,
  User,
  WaitForSessionConfig,
  ErrorBody,
} from '@notp/web-js-sdk';
