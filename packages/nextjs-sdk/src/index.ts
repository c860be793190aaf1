'use client';
// @notp/nextjs-sdk public API (a client module): the provider for the root layout and <WhatsAppLogin>. Hooks: `/client`; server: `/server`.
export { AuthProvider } from './AuthProvider.js';
export type { AuthProviderProps } from './AuthProvider.js';
export { Notp, WhatsAppLogin } from '@notp/react-sdk';
export type { WhatsAppLoginProps } from '@notp/react-sdk';
