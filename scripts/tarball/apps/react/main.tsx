// The seed's conditional-render pattern in React: {isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess={…}/>}.
import { AuthProvider, useNotp, useSession, useUser, WhatsAppLogin } from '@notp/react-sdk';
import { type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

declare global {
  interface Window {
    NOTP_CFG: { projectId: string; baseUrl: string };
    onSuccessLoginId?: string;
  }
}

function LoggedIn(): ReactNode {
  const sdk = useNotp();
  const { user } = useUser();
  const [api, setApi] = useState('');
  useEffect(() => {
    fetch('/api/me', { headers: { authorization: `Bearer ${sdk.getSessionToken()}` } })
      .then((r) => r.json())
      .then((body: { userId?: string }) => setApi(body.userId ?? 'refused'));
  }, [sdk]);
  return (
    <div id="account">
      <span id="login-id">{user?.loginIds[0] ?? ''}</span>
      <span id="api-user">{api}</span>
    </div>
  );
}

function App(): ReactNode {
  const { isAuthenticated, isSessionLoading } = useSession();
  if (isSessionLoading && !isAuthenticated) return <p>Loading…</p>;
  return isAuthenticated ? (
    <LoggedIn />
  ) : (
    <WhatsAppLogin
      onSuccess={(session) => {
        window.onSuccessLoginId = session.user?.loginIds[0] ?? '';
      }}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AuthProvider projectId={window.NOTP_CFG.projectId} baseUrl={window.NOTP_CFG.baseUrl}>
      <App />
    </AuthProvider>
  </StrictMode>,
);
