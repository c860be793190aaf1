'use client';
// @notp/nextjs-sdk/client: what Client Components use (provider, <WhatsAppLogin>, `useNotp`, `useSession`, `useUser`).
export { AuthProvider } from './AuthProvider.js';
export type { AuthProviderProps } from './AuthProvider.js';
export { Notp, useNotp, useSession, useUser, WhatsAppLogin } from '@notp/react-sdk';
export type { SessionState, UserState, WhatsAppLoginProps } from '@notp/react-sdk';
export type { JWTResponse, NotpSdkInstance, SdkResponse, UserResponse } from '@notp/react-sdk';
