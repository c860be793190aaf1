// The Vue plugin: `app.use(notp, options)` creates the SDK and its auth state, provides them, and restores the session.
import { type AuthState, createAuthState, NotpSdk, type NotpSdkInstance, type NotpSdkOptions } from '@notp/web-js-sdk';
import type { App, InjectionKey } from 'vue';

export interface NotpInjection {
  sdk: NotpSdkInstance;
  authState: AuthState;
}

export const NOTP_KEY: InjectionKey<NotpInjection> = Symbol('notp');

/** The SDK of the last installed app: what `getSdk()` returns outside components (the seed's pattern). */
let lastSdk: NotpSdkInstance | undefined;

/** The SDK instance created by `app.use(notp, options)`, for use outside components (router guards, stores). */
export function getSdk(): NotpSdkInstance | undefined {
  return lastSdk;
}

export const notp = {
  install(app: App, options: NotpSdkOptions): void {
    const sdk = NotpSdk(options);
    const authState = createAuthState(sdk);
    lastSdk = sdk;
    app.provide(NOTP_KEY, { sdk, authState });
    // Only in a browser: a server render must neither refresh nor touch storage.
    if (typeof window !== 'undefined') void authState.start();
  },
};
