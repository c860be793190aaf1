// UserSessions: a user's active sessions (live refresh tokens), each revocable after a confirmation.
import { api } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { useLoad } from '../../components/useLoad.js';
import { LoadedTable } from './LoadedTable.js';
import { LocalTime } from './shared.js';

/** One session as GET /v1/mgmt/notp/sessions answers it (flows/management/userSessions.ts ManagedSession). */
interface ApiSession {
  sessionId: string;
  amr: string[];
  tenantId: string | null;
  createdAt: number;
  expiresAt: number;
  live: boolean;
  ip: string;
  userAgent: string;
}

export function UserSessions(props: { userId: string }) {
  const sessions = useLoad(
    () => api<{ sessions: ApiSession[] }>('GET', '/v1/mgmt/notp/sessions', undefined, { userId: props.userId }),
    [props.userId],
  );
  const live = (sessions.data?.sessions ?? []).filter((session) => session.live);
  const revoke = async (sessionId: string) => {
    await api('POST', '/v1/mgmt/notp/sessions/revoke', { sessionId });
    sessions.reload();
  };
  return (
    <LoadedTable
      id="user-sessions"
      title="Active sessions"
      load={sessions}
      rows={live}
      empty="No active sessions."
      columns={['Signed in', 'Expires', 'IP', 'Device', 'Method', <span class="visually-hidden">Action</span>]}
      row={(session) => (
        <tr key={session.sessionId}>
          <td>
            <LocalTime at={session.createdAt} />
          </td>
          <td>
            <LocalTime at={session.expiresAt} />
          </td>
          <td>{session.ip || '—'}</td>
          <td>
            <small>{session.userAgent || '—'}</small>
          </td>
          <td>
            {session.amr.join(', ')}
            {session.tenantId ? <small> (tenant {session.tenantId})</small> : null}
          </td>
          <td>
            <ConfirmButton
              label="Revoke"
              question="Revoke this session? The app signed in with it stays signed in only until its session token expires, and cannot refresh it."
              confirmLabel="Revoke session"
              onConfirm={() => revoke(session.sessionId)}
              danger
            />
          </td>
        </tr>
      )}
    />
  );
}
