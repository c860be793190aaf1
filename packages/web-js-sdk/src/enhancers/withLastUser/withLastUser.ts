// withLastUser: remembers the signed-in user (memory) and the last authenticated user (storage), per the options.
import type { UserResponse } from '@notp/core';
import type { EnhancerContext, SdkBuilder } from '../../internal/EnhancerContext.js';
import type { SessionCore } from '../../internal/createSessionCore.js';
import type { NotpSdkOptions } from '../../NotpSdkOptions.js';

/** Storage keys (after the prefix); the login id and display name keep the public web SDK's names. */
export const LAST_USER_LOGIN_ID_KEY = 'dls_last_user_login_id';
export const LAST_USER_DISPLAY_NAME_KEY = 'dls_last_user_display_name';
export const LAST_USER_KEY = 'dls_last_user';

export interface LastUserApi {
  /** The signed-in user; else the last authenticated user remembered in storage (if enabled); else undefined. */
  getUser(): UserResponse | undefined;
  /** The last authenticated user's first login id, or `''`. */
  getLastUserLoginId(): string;
  /** The last authenticated user's name, or `''`. */
  getLastUserDisplayName(): string;
}

export function withLastUser<S extends SessionCore>(
  next: SdkBuilder<S, NotpSdkOptions>,
): SdkBuilder<S & LastUserApi, NotpSdkOptions> {
  return (options: NotpSdkOptions, context: EnhancerContext) => {
    const { storage, keyPrefix } = context;
    const remember = options.storeLastAuthenticatedUser !== false;
    const keepAfterLogout = options.keepLastAuthenticatedUserAfterLogout === true;
    const keys = [LAST_USER_LOGIN_ID_KEY, LAST_USER_DISPLAY_NAME_KEY, LAST_USER_KEY].map((k) => keyPrefix + k);
    const [loginIdKey, displayNameKey, userKey] = keys as [string, string, string];
    let current: UserResponse | undefined;

    context.listeners.push({
      onUser(user) {
        current = user;
        if (!remember) return;
        const loginId = user.loginIds?.[0];
        if (loginId) storage.setItem(loginIdKey, loginId);
        if (user.name) storage.setItem(displayNameKey, user.name);
        else storage.removeItem(displayNameKey);
        storage.setItem(userKey, JSON.stringify(user));
      },
      onSessionEnd(reason) {
        current = undefined;
        if (reason === 'logout' && !keepAfterLogout) for (const key of keys) storage.removeItem(key);
      },
    });

    const storedUser = (): UserResponse | undefined => {
      if (!remember) return undefined;
      const json = storage.getItem(userKey);
      if (!json) return undefined;
      try {
        return JSON.parse(json) as UserResponse;
      } catch {
        return undefined;
      }
    };

    return {
      ...next(options, context),
      getUser: () => current ?? storedUser(),
      getLastUserLoginId: () => (remember ? storage.getItem(loginIdKey) : null) || '',
      getLastUserDisplayName: () => (remember ? storage.getItem(displayNameKey) : null) || '',
    };
  };
}
