// useNotp, useSession, useUser: the bindings; they only read the provider's SDK and subscribe to its auth state.
import { type AuthSnapshot, type NotpSdkInstance, SERVER_AUTH_SNAPSHOT, type UserResponse } from '@notp/web-js-sdk';
import { useSyncExternalStore } from 'react';
import { useNotpContext } from './NotpContext.js';

/** The SDK instance (`sdk.notp.signUpOrIn(...)`, `sdk.notp.waitForSession(...)`, `sdk.logout()`, …). */
export function useNotp(): NotpSdkInstance {
  return useNotpContext('useNotp').sdk;
}

function useAuthSnapshot(hook: string): AuthSnapshot {
  const { authState } = useNotpContext(hook);
  return useSyncExternalStore(authState.subscribe, authState.getSnapshot, () => SERVER_AUTH_SNAPSHOT);
}

export interface SessionState {
  isAuthenticated: boolean;
  isSessionLoading: boolean;
  sessionToken: string;
}

export function useSession(): SessionState {
  const { isAuthenticated, isSessionLoading, sessionToken } = useAuthSnapshot('useSession');
  return { isAuthenticated, isSessionLoading, sessionToken };
}

export interface UserState {
  user: UserResponse | undefined;
  isUserLoading: boolean;
}

export function useUser(): UserState {
  const { user, isUserLoading } = useAuthSnapshot('useUser');
  return { user, isUserLoading };
}
