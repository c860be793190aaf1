'use client';
// WhatsAppSignIn: signUpOrIn('') → QR + wa link → waitForSession → "Logged in as <userId>" + Logout (the seed flow).
import { useNotp, useSession, useUser } from '@notp/nextjs-sdk/client';
import { useState } from 'react';

interface Pending {
  image: string;
  redirectUrl: string;
}

export function WhatsAppSignIn() {
  const sdk = useNotp();
  const { isAuthenticated, isSessionLoading } = useSession();
  const { user } = useUser();
  const [pending, setPending] = useState<Pending | undefined>();
  const [error, setError] = useState('');

  async function signIn() {
    setError('');
    const resp = await sdk.notp.signUpOrIn('');
    if (!resp.ok || !resp.data) {
      setError(`${resp.error?.errorCode ?? resp.code}: ${resp.error?.errorMessage ?? 'sign-in failed'}`);
      return;
    }
    setPending({ image: resp.data.image, redirectUrl: resp.data.redirectUrl });
    const session = await sdk.notp.waitForSession(resp.data.pendingRef);
    setPending(undefined);
    if (!session.ok) setError(`${session.error?.errorCode ?? session.code}: ${session.error?.errorMessage ?? ''}`);
  }

  if (isAuthenticated) {
    return (
      <section>
        <p id="whoami">Logged in as {user?.userId ?? '…'}</p>
        <p>
          <a href="/private">Server-side session page</a>
        </p>
        <button id="logout" type="button" onClick={() => void sdk.logout()}>
          Logout
        </button>
      </section>
    );
  }
  return (
    <section>
      <button id="sign-in" type="button" disabled={isSessionLoading || !!pending} onClick={() => void signIn()}>
        Sign in with WhatsApp
      </button>
      {pending && (
        <div>
          {/* biome-ignore lint/performance/noImgElement: a data: URL QR code; next/image would add nothing but a loader */}
          <img
            id="qr"
            alt="Scan with WhatsApp"
            width={240}
            height={240}
            src={`data:image/png;base64,${pending.image}`}
          />
          <p>
            <a id="wa-link" href={pending.redirectUrl} target="_blank" rel="noreferrer">
              Open WhatsApp
            </a>
          </p>
        </div>
      )}
      {error && <p id="error">{error}</p>}
    </section>
  );
}
