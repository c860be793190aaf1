// nOTP start methods (signUp, signIn, signUpOrIn, updateUser) and waitForSession, over the transport.
import type { HttpClient } from '../http/createHttpClient.js';
import { toSdkResponse } from '../http/toSdkResponse.js';
import { routes } from '../wire/routes.js';
import type {
  JWTResponse,
  LoginOptions,
  NOTPResponse,
  NOTPUpdateOptions,
  SdkResponse,
  SignUpOptions,
  User,
} from '../wire/types.js';
import { type WaitForSessionConfig, waitForSession } from './waitForSession.js';

/** `providerId` rides in the options like the public SDKs accept it, but travels as a top-level body field. */
type WithProvider<T> = T & { providerId?: string };

export interface NotpMethods {
  /** Starts a sign-up. `loginId` may be `''`: the sender's WhatsApp number becomes the login id. */
  signUp(loginId: string, user?: User, signUpOptions?: WithProvider<SignUpOptions>): Promise<SdkResponse<NOTPResponse>>;
  /** Starts a sign-in; pass the current refresh JWT for step-up or MFA. */
  signIn(
    loginId: string,
    loginOptions?: WithProvider<LoginOptions>,
    refreshToken?: string,
  ): Promise<SdkResponse<NOTPResponse>>;
  signUpOrIn(loginId: string, signUpOptions?: WithProvider<SignUpOptions>): Promise<SdkResponse<NOTPResponse>>;
  /** Starts a phone change for the signed-in user; the new phone must send the message. Needs the refresh JWT. */
  updateUser(
    loginId: string,
    phone: string,
    updateOptions?: NOTPUpdateOptions,
    refreshToken?: string,
  ): Promise<SdkResponse<NOTPResponse>>;
  /** Resolves with the session once the pending login is verified; never rejects (timeout → ok:false). */
  waitForSession(pendingRef: string, config?: WaitForSessionConfig): Promise<SdkResponse<JWTResponse>>;
}

/** A developer's mistake throws at once (STYLE.md §13); server and network failures never do. */
function requireString(name: string, value: unknown, allowEmpty: boolean): void {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    throw new TypeError(`"${name}" must be a ${allowEmpty ? 'string' : 'non-empty string'}`);
  }
}

function splitProvider<T extends object>(options: WithProvider<T> | undefined): { options: T; providerId?: string } {
  const { providerId, ...rest } = options ?? ({} as WithProvider<T>);
  return providerId === undefined ? { options: rest as T } : { options: rest as T, providerId };
}

export function createNotpMethods(http: HttpClient): NotpMethods {
  return {
    signUp(loginId, user, signUpOptions) {
      requireString('loginId', loginId, true);
      const { options, providerId } = splitProvider(signUpOptions);
      return toSdkResponse(() => http.post(routes.notp.signUp, { loginId, user, loginOptions: options, providerId }));
    },
    signIn(loginId, loginOptions, refreshToken) {
      requireString('loginId', loginId, true);
      const { options, providerId } = splitProvider(loginOptions);
      const body = { loginId, loginOptions: options, providerId };
      return toSdkResponse(() => http.post(routes.notp.signIn, body, refreshToken ? { token: refreshToken } : {}));
    },
    signUpOrIn(loginId, signUpOptions) {
      requireString('loginId', loginId, true);
      const { options, providerId } = splitProvider(signUpOptions);
      return toSdkResponse(() => http.post(routes.notp.signUpOrIn, { loginId, loginOptions: options, providerId }));
    },
    updateUser(loginId, phone, updateOptions, refreshToken) {
      requireString('loginId', loginId, true);
      if (phone !== undefined && typeof phone !== 'string') throw new TypeError('"phone" must be a string');
      const body = { loginId, phone: phone || undefined, options: updateOptions };
      return toSdkResponse(() => http.post(routes.notp.update, body, refreshToken ? { token: refreshToken } : {}));
    },
    waitForSession(pendingRef, config) {
      requireString('pendingRef', pendingRef, false);
      return waitForSession(http, pendingRef, config);
    },
  };
}
