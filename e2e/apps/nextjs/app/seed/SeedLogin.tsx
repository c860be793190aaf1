'use client';
// SeedLogin: the seed's pattern, `isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess/>`, from the Next SDK.
import { useSession, WhatsAppLogin } from '@notp/nextjs-sdk/client';

declare global {
  interface Window {
    /** The session JWT of every onSuccess call: the test checks it ran although the login unmounted first. */
    NOTP_SUCCESS?: string[];
  }
}

export function SeedLogin() {
  const { isAuthenticated } = useSession();
  return isAuthenticated ? (
    <section id="account">
      <p>Logged in</p>
      <a href="/private">Server-side session page</a>
    </section>
  ) : (
    <WhatsAppLogin
      onSuccess={(session) => {
        window.NOTP_SUCCESS = [...(window.NOTP_SUCCESS ?? []), session.sessionJwt];
      }}
    />
  );
}
