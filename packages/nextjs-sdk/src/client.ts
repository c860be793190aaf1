'use client';
// @notp/nextjs-sdk/client: the hooks for Client Components (`useNotp`, `useSession`, `useUser`), named by hand.
export { AuthProvider } from './AuthProvider.js';
export type { AuthProviderProps } from './AuthProvider.js';
export { useNotp, useSession, useUser } from '@notp/react-sdk';
export type { SessionState, UserState } from '@notp/react-sdk';
export type { JWTResponse, NotpSdkInstance, SdkResponse, UserResponse } from '@notp/react-sdk';
