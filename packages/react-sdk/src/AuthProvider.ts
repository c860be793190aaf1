// AuthProvider: creates the browser SDK from its props, restores the session once mounted, and provides both.
import { createAuthState, NotpSdk, type NotpSdkOptions } from '@notp/web-js-sdk';
import { createElement, type ReactNode, useEffect, useMemo } from 'react';
import { NotpContext, type NotpContextValue } from './NotpContext.js';

/** Every option of NotpSdk (the seed docs' props), plus the children. */
export interface AuthProviderProps extends NotpSdkOptions {
  children?: ReactNode;
}

export function AuthProvider({ children, ...options }: AuthProviderProps): ReactNode {
  const {
    projectId,
    baseUrl,
    baseStaticUrl,
    baseCdnUrl,
    persistTokens,
    autoRefresh,
    sessionTokenViaCookie,
    storeLastAuthenticatedUser,
    keepLastAuthenticatedUserAfterLogout,
    storagePrefix,
  } = options;
  const cookieKey = JSON.stringify(sessionTokenViaCookie ?? false);
  // A new SDK only when an option really changes (object props such as hooks are read once, like the web SDK does).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `options` is a fresh object each render; its fields are the deps
  const value = useMemo<NotpContextValue>(() => {
    const sdk = NotpSdk(options);
    return { sdk, authState: createAuthState(sdk) };
  }, [
    projectId,
    baseUrl,
    baseStaticUrl,
    baseCdnUrl,
    persistTokens,
    autoRefresh,
    cookieKey,
    storeLastAuthenticatedUser,
    keepLastAuthenticatedUserAfterLogout,
    storagePrefix,
  ]);

  // Effects run only in the browser: the server render never refreshes or touches storage.
  useEffect(() => {
    void value.authState.start();
  }, [value]);

  return createElement(NotpContext.Provider, { value }, children);
}
