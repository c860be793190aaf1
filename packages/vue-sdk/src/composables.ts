// useNotp, useSession, useUser: Vue refs that follow the plugin's auth state (they only subscribe).
import { type AuthSnapshot, type NotpSdkInstance, SERVER_AUTH_SNAPSHOT, type UserResponse } from '@notp/web-js-sdk';
import { type ComputedRef, computed, getCurrentScope, inject, onScopeDispose, type Ref, shallowRef } from 'vue';
import { NOTP_KEY, type NotpInjection } from './plugin.js';

function injected(composable: string): NotpInjection {
  const value = inject(NOTP_KEY, undefined);
  if (!value) throw new Error(`notp: ${composable}() needs app.use(notp, options) first`);
  return value;
}

/** The SDK instance (`sdk.notp.signUpOrIn(...)`, `sdk.notp.waitForSession(...)`, `sdk.logout()`, …). */
export function useNotp(): NotpSdkInstance {
  return injected('useNotp').sdk;
}

/** A ref of the auth snapshot, unsubscribed when the calling component (or scope) goes away. */
function useSnapshot(composable: string): Ref<AuthSnapshot> {
  const { authState } = injected(composable);
  if (typeof window === 'undefined') return shallowRef(SERVER_AUTH_SNAPSHOT);
  const snapshot = shallowRef(authState.getSnapshot());
  const unsubscribe = authState.subscribe(() => {
    snapshot.value = authState.getSnapshot();
  });
  if (getCurrentScope()) onScopeDispose(unsubscribe);
  return snapshot;
}

export interface SessionRefs {
  isAuthenticated: ComputedRef<boolean>;
  isSessionLoading: ComputedRef<boolean>;
  /** The public Vue SDK's name for `isSessionLoading`. */
  isLoading: ComputedRef<boolean>;
  sessionToken: ComputedRef<string>;
}

export function useSession(): SessionRefs {
  const snapshot = useSnapshot('useSession');
  const isSessionLoading = computed(() => snapshot.value.isSessionLoading);
  return {
    isAuthenticated: computed(() => snapshot.value.isAuthenticated),
    isSessionLoading,
    isLoading: isSessionLoading,
    sessionToken: computed(() => snapshot.value.sessionToken),
  };
}

export interface UserRefs {
  user: ComputedRef<UserResponse | undefined>;
  isUserLoading: ComputedRef<boolean>;
  /** The public Vue SDK's name for `isUserLoading`. */
  isLoading: ComputedRef<boolean>;
}

export function useUser(): UserRefs {
  const snapshot = useSnapshot('useUser');
  const isUserLoading = computed(() => snapshot.value.isUserLoading);
  return { user: computed(() => snapshot.value.user), isUserLoading, isLoading: isUserLoading };
}
