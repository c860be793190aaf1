// ReactDemo: the React demo page: <WhatsAppLogin> until a session exists, then the user from useUser() and Logout.
import { AuthProvider, useNotp, useSession, useUser, WhatsAppLogin } from '@notp/react-sdk';
import { type ReactNode, useState } from 'react';

/** What /demo/config.js tells the page (the server's development project, in simulator mode). */
export interface DemoConfig {
  projectId: string;
  baseUrl: string;
}

function Account(): ReactNode {
  const sdk = useNotp();
  const { user } = useUser();
  const [leaving, setLeaving] = useState(false);
  return (
    <section>
      <h1>You're logged in</h1>
      <dl className="user">
        <dt>Name</dt>
        <dd id="userName">{user?.name || '—'}</dd>
        <dt>Login ID</dt>
        <dd id="userLoginId">{user?.loginIds?.[0] ?? '—'}</dd>
        <dt>Phone</dt>
        <dd id="userPhone">{user?.phone || '—'}</dd>
      </dl>
      <button
        type="button"
        className="secondary"
        disabled={leaving}
        onClick={async () => {
          setLeaving(true);
          await sdk.logout();
          setLeaving(false);
        }}
      >
        Logout
      </button>
    </section>
  );
}

function Page(): ReactNode {
  const { isAuthenticated, isSessionLoading } = useSession();
  if (isSessionLoading && !isAuthenticated) return <p className="status">Loading your session…</p>;
  if (isAuthenticated) return <Account />;
  return (
    <section>
      <h1>Log in with WhatsApp</h1>
      <p className="lead">
        The <code>&lt;WhatsAppLogin&gt;</code> component of <code>@notp/react-sdk</code>: it starts a sign-up-or-in,
        shows the QR and link, and waits for the session.
      </p>
      <WhatsAppLogin />
    </section>
  );
}

export function ReactDemo({ config }: { config: DemoConfig }): ReactNode {
  return (
    <AuthProvider projectId={config.projectId} baseUrl={config.baseUrl} persistTokens={true} autoRefresh={true}>
      <Page />
    </AuthProvider>
  );
}
