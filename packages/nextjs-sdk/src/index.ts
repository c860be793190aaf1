'use client';
// @notp/nextjs-sdk public API (a client module): the provider for the root layout. Hooks: `/client`; server: `/server`.
export { AuthProvider } from './AuthProvider.js';
export type { AuthProviderProps } from './AuthProvider.js';
