// createAuthState: the session/user state that framework bindings subscribe to (snapshot + subscribe + start).
import type { UserResponse } from '@notp/core';
import { jwtExpiry } from './internal/decodeJwtClaims.js';
import type { NotpSdkInstance } from './NotpSdk.js';

/** One immutable snapshot: a new object on every change (what React's useSyncExternalStore compares). */
export interface AuthSnapshot {
  readonly isAuthenticated: boolean;
  readonly isSessionLoading: boolean;
  readonly sessionToken: string;
  readonly user: UserResponse | undefined;
  readonly isUserLoading: boolean;
}

export interface AuthState {
  getSnapshot(): AuthSnapshot;
  /** Returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  /**
   * Restores the session once (refresh if this browser may hold one, then `me` if the user is unknown). Browser only;
   * later calls return the same promise.
   */
  start(): Promise<void>;
  /** Stops listening to the SDK. */
  dispose(): void;
}

/** The state a server render sees: nothing known yet, loading. */
export const SERVER_AUTH_SNAPSHOT: AuthSnapshot = Object.freeze({
  isAuthenticated: false,
  isSessionLoading: true,
  sessionToken: '',
  user: undefined,
  isUserLoading: false,
});

const liveToken = (token: string): string => {
  const exp = jwtExpiry(token);
  return token && exp !== undefined && exp * 1000 > Date.now() ? token : '';
};

export function createAuthState(sdk: NotpSdkInstance): AuthState {
  const stored = liveToken(sdk.getSessionToken());
  let snapshot: AuthSnapshot = Object.freeze({
    isAuthenticated: stored !== '',
    isSessionLoading: true,
    sessionToken: stored,
    user: stored ? sdk.getUser() : undefined,
    isUserLoading: false,
  });
  const listeners = new Set<() => void>();
  const update = (patch: Partial<AuthSnapshot>) => {
    snapshot = Object.freeze({ ...snapshot, ...patch });
    for (const listener of [...listeners]) listener();
  };

  const unsubscribes = [
    sdk.onSessionTokenChange((token) => update({ sessionToken: token ?? '', isAuthenticated: !!token })),
    sdk.onUserChange((user) => update({ user: user ?? undefined })),
  ];

  let started: Promise<void> | undefined;
  const restore = async () => {
    await sdk.tryRefresh();
    update({ isSessionLoading: false });
    if (snapshot.isAuthenticated && !snapshot.user) {
      update({ isUserLoading: true });
      await sdk.me();
      update({ isUserLoading: false });
    }
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    start() {
      started ??= restore();
      return started;
    },
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      listeners.clear();
    },
  };
}
