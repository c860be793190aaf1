// NotpContext: the SDK instance and its auth state, as AuthProvider hands them to the hooks.
import type { AuthState, NotpSdkInstance } from '@notp/web-js-sdk';
import { createContext, useContext } from 'react';

export interface NotpContextValue {
  sdk: NotpSdkInstance;
  authState: AuthState;
}

export const NotpContext = createContext<NotpContextValue | undefined>(undefined);

/** The provider's value; a hook used outside <AuthProvider> is a developer's mistake and throws. */
export function useNotpContext(hook: string): NotpContextValue {
  const value = useContext(NotpContext);
  if (!value) throw new Error(`notp: ${hook}() can only be used inside <AuthProvider>`);
  return value;
}
