'use client';
// AuthProvider: react-sdk's provider as a Client Component, so a Server Component layout can render it (the seed's layout.tsx).
import { AuthProvider as ReactAuthProvider, type AuthProviderProps } from '@notp/react-sdk';
import { createElement, type ReactNode } from 'react';

export type { AuthProviderProps };

/** Same props as `@notp/react-sdk`'s AuthProvider (the web SDK's options); renders it on the client. */
export function AuthProvider(props: AuthProviderProps): ReactNode {
  return createElement(ReactAuthProvider, props);
}
