// createSessionCore: the core SDK with the session-carrying methods wired to the enhancers' listeners.
import {
  createCoreSdk,
  type CoreSdk,
  type HttpRequest,
  type JWTResponse,
  type SdkResponse,
  type UserResponse,
} from '@notp/core';
import type { NotpSdkOptions } from '../NotpSdkOptions.js';
import { SDK_NAME, SDK_VERSION } from '../sdkVersion.js';
import type { EnhancerContext } from './EnhancerContext.js';
import type { SessionEndReason } from './SessionListener.js';

/** The core SDK as the browser sees it: every token argument is optional and defaults to the current session's. */
export type SessionCore = CoreSdk;

const isSession = (data: unknown): data is JWTResponse =>
  typeof data === 'object' && data !== null && typeof (data as JWTResponse).sessionJwt === 'string';

/**
 * A 4xx from a real answer on a session route means the session is gone (CONTRACT.md §5) and local state must go.
 * Not a 429 (the session is fine, we are just too fast) and not a client-side failure (no answer arrived).
 */
const sessionGone = (result: SdkResponse<unknown>): boolean =>
  !result.ok && result.response !== undefined && (result.code ?? 0) >= 400 && result.code! < 500 && result.code !== 429;

export function createSessionCore(options: NotpSdkOptions, context: EnhancerContext): SessionCore {
  const userBeforeRequest = options.hooks?.beforeRequest;
  const core = createCoreSdk({
    projectId: options.projectId,
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    logger: options.logger,
    baseHeaders: options.baseHeaders,
    sdkName: SDK_NAME,
    sdkVersion: SDK_VERSION,
    hooks: {
      beforeRequest(request: HttpRequest) {
        // Cross-origin calls must carry the HttpOnly DSR cookie when the project delivers tokens as cookies.
        request.credentials = 'include';
        userBeforeRequest?.(request);
      },
      afterRequest: options.hooks?.afterRequest,
    },
  });

  const each = (call: (listener: (typeof context.listeners)[number]) => void) => {
    for (const listener of context.listeners) {
      try {
        call(listener);
      } catch (err) {
        context.reportError(err);
      }
    }
  };
  const endSession = (reason: SessionEndReason) => {
    context.memory = {};
    each((l) => l.onSessionEnd?.(reason));
  };
  const token = (given: string | undefined) => given || context.readRefreshToken();

  /** Applies a session-route answer: a new session, a user, or "the session is gone". */
  const applied = async <T>(pending: Promise<SdkResponse<T>>): Promise<SdkResponse<T>> => {
    const result = await pending;
    if (result.ok && isSession(result.data)) {
      const session = result.data;
      context.memory = {
        sessionJwt: session.sessionJwt,
        refreshJwt: session.refreshJwt || context.memory.refreshJwt,
      };
      each((l) => l.onSession?.(session));
      const user = session.user;
      if (user) each((l) => l.onUser?.(user));
    } else if (sessionGone(result)) {
      endSession('invalid');
    }
    return result;
  };
  const appliedUser = async (pending: Promise<SdkResponse<UserResponse>>): Promise<SdkResponse<UserResponse>> => {
    const result = await applied(pending);
    const user = result.data;
    if (result.ok && user) each((l) => l.onUser?.(user));
    return result;
  };
  const loggedOut = async <T>(pending: Promise<SdkResponse<T>>): Promise<SdkResponse<T>> => {
    const result = await pending;
    // The user asked to leave: local state goes whatever the server answered (it may be unreachable).
    endSession('logout');
    return result;
  };

  return {
    ...core,
    refresh: (refreshToken, externalToken) => applied(core.refresh(token(refreshToken), externalToken)),
    tryRefresh: (refreshToken) => applied(core.tryRefresh(token(refreshToken))),
    logout: (refreshToken) => loggedOut(core.logout(token(refreshToken))),
    logoutAll: (refreshToken) => loggedOut(core.logoutAll(token(refreshToken))),
    me: (refreshToken) => appliedUser(core.me(token(refreshToken))),
    myTenants: (dctOrIds, refreshToken) => applied(core.myTenants(dctOrIds, token(refreshToken))),
    history: (refreshToken) => applied(core.history(token(refreshToken))),
    selectTenant: (tenantId, refreshToken) => applied(core.selectTenant(tenantId, token(refreshToken))),
    notp: {
      ...core.notp,
      // The refresh token rides along only where the server needs it: step-up, MFA, and phone update.
      signIn: (loginId, loginOptions, refreshToken) =>
        core.notp.signIn(
          loginId,
          loginOptions,
          refreshToken || (loginOptions?.stepup || loginOptions?.mfa ? context.readRefreshToken() : undefined),
        ),
      updateUser: (loginId, phone, updateOptions, refreshToken) =>
        core.notp.updateUser(loginId, phone, updateOptions, token(refreshToken)),
      waitForSession: (pendingRef, config) => applied(core.notp.waitForSession(pendingRef, config)),
    },
  };
}
