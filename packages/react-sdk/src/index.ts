// @notp/react-sdk public API, named by hand (STYLE.md §14).
export { AuthProvider } from './AuthProvider.js';
export type { AuthProviderProps } from './AuthProvider.js';
export { useNotp, useSession, useUser } from './hooks.js';
export type { SessionState, UserState } from './hooks.js';
export { WhatsAppLogin } from './WhatsAppLogin.js';
/** The seed docs import `{ Descope, useDescope }`; `Notp` is the login widget under the renamed identifier. */
export { WhatsAppLogin as Notp } from './WhatsAppLogin.js';
export type { WhatsAppLoginProps } from './WhatsAppLogin.js';
export type {
  JWTResponse,
  NotpSdkInstance,
  NotpSdkOptions,
  SdkResponse,
  UserResponse,
} from '@notp/web-js-sdk';
