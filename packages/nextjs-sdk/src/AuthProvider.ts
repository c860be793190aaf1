'use client';
// AuthProvider: react-sdk's provider as a Client Component (the seed's layout.tsx), with the session token in a cookie.
import { AuthProvider as ReactAuthProvider, type AuthProviderProps } from '@notp/react-sdk';
import { createElement, type ReactNode, useEffect } from 'react';

export type { AuthProviderProps };

/**
 * What Next gets when `sessionTokenViaCookie` is left out: the session token in the `DS` cookie, which `session()`,
 * `getSession()` and `authMiddleware` read (they never see localStorage). `Lax`, so a link from another site to a
 * protected page still carries it.
 */
export const NEXT_SESSION_COOKIE = Object.freeze({ sameSite: 'Lax' as const });

let warned = false;

/** In development, once: the server-side helpers cannot see a session kept in localStorage. */
function useWarnWithoutCookie(props: AuthProviderProps): void {
  const off = props.sessionTokenViaCookie === false && props.persistTokens !== false;
  useEffect(() => {
    // Next inlines process.env.NODE_ENV; the typeof guard keeps other bundlers' output from throwing.
    if (!off || warned || (typeof process !== 'undefined' && process.env.NODE_ENV === 'production')) return;
    warned = true;
    console.error(
      'notp: <AuthProvider sessionTokenViaCookie={false}> keeps the session token in localStorage, where the Next ' +
        'server cannot see it: session(), getSession() and authMiddleware will treat a logged-in user as logged out ' +
        '(and a protected page redirects them to sign-in). Remove the prop (the Next SDK then keeps the token in the DS ' +
        'cookie) or set sessionTokenViaCookie={true}; keep false only if nothing server-side needs the session.',
    );
  }, [off]);
}

/**
 * Same props as `@notp/react-sdk`'s AuthProvider (the web SDK's options), except that `sessionTokenViaCookie`
 * defaults to `{ sameSite: 'Lax' }` (a `DS` cookie the server side reads) instead of false. An explicit `false` is
 * obeyed, with an error in the development console explaining what it breaks.
 */
export function AuthProvider(props: AuthProviderProps): ReactNode {
  useWarnWithoutCookie(props);
  const sessionTokenViaCookie = props.sessionTokenViaCookie ?? NEXT_SESSION_COOKIE;
  return createElement(ReactAuthProvider, { ...props, sessionTokenViaCookie });
}
