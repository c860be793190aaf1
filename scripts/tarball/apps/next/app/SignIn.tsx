'use client';
// The Next README's sign-in: hooks from @notp/nextjs-sdk/client, signUpOrIn + waitForSession, then who is logged in.
import { useNotp, useSession, useUser } from '@notp/nextjs-sdk/client';
import { useEffect, useState } from 'react';

export function SignIn() {
  const sdk = useNotp();
  const { isAuthenticated } = useSession();
  const { user } = useUser();
  const [link, setLink] = useState('');
  // Enabled once hydrated: a click before that would be lost.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (isAuthenticated) {
    return (
      <div id="account">
        <span id="login-id">{user?.loginIds[0] ?? ''}</span>
      </div>
    );
  }
  const start = async () => {
    const resp = await sdk.notp.signUpOrIn('');
    if (!resp.ok || !resp.data) return;
    setLink(resp.data.redirectUrl);
    await sdk.notp.waitForSession(resp.data.pendingRef);
  };
  return link ? (
    <a id="link" href={link}>
      Open WhatsApp
    </a>
  ) : (
    <button id="sign-in" type="button" disabled={!hydrated} onClick={start}>
      Sign in with WhatsApp
    </button>
  );
}
