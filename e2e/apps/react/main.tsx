// The React e2e app: AuthProvider (options from the query string) → <WhatsAppLogin onSuccess>, or the user and Logout.
import { AuthProvider, useNotp, useSession, useUser, WhatsAppLogin } from '@notp/react-sdk';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Written by the test into /config.js: the server under test. */
declare global {
  interface Window {
    NOTP_E2E: { projectId: string; baseUrl: string };
    /** The session JWT of every onSuccess call: the test checks it ran although the login unmounted first. */
    NOTP_SUCCESS?: string[];
  }
}

const query = new URLSearchParams(window.location.search);

function Account(): ReactNode {
  const sdk = useNotp();
  const { sessionToken } = useSession();
  const { user } = useUser();
  return (
    <div id="account">
      <p>
        Logged in as <span id="user-login-id">{user?.loginIds?.[0] ?? ''}</span>
      </p>
      <p>
        Session token ends with <code id="session-token-tail">{sessionToken.slice(-24)}</code>
      </p>
      <button type="button" onClick={() => void sdk.logout()}>
        Logout
      </button>
    </div>
  );
}

function Login(): ReactNode {
  const sdk = useNotp();
  // With keepLastAuthenticatedUserAfterLogout the SDK still knows who was here.
  const last = sdk.getUser();
  return (
    <div id="login">
      {last ? <p id="last-user">Welcome back, {last.loginIds?.[0]}</p> : null}
      {/* The seed's pattern: App renders this only while logged out, so the session unmounts it. */}
      <WhatsAppLogin
        onSuccess={(session) => {
          window.NOTP_SUCCESS = [...(window.NOTP_SUCCESS ?? []), session.sessionJwt];
        }}
      />
    </div>
  );
}

function App(): ReactNode {
  const { isAuthenticated, isSessionLoading } = useSession();
  if (isSessionLoading && !isAuthenticated) return <p id="loading">Loading…</p>;
  return isAuthenticated ? <Account /> : <Login />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AuthProvider
        projectId={window.NOTP_E2E.projectId}
        baseUrl={window.NOTP_E2E.baseUrl}
        persistTokens={true}
        autoRefresh={true}
        sessionTokenViaCookie={query.has('cookie')}
        storeLastAuthenticatedUser={true}
        keepLastAuthenticatedUserAfterLogout={query.has('keepLastUser')}
      >
        <App />
      </AuthProvider>
    </StrictMode>,
  );
}
