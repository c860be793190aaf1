// UserSessions: a user's active sessions (live refresh tokens), each revocable after a confirmation.
import { api } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLoad } from '../../components/useLoad.js';
import { LocalTime, TableBox } from './shared.js';

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
    <section aria-labelledby="user-sessions" aria-busy={sessions.loading}>
      <h2 id="user-sessions">Active sessions</h2>
      <ErrorNotice error={sessions.error} />
      {sessions.data && live.length === 0 ? <p>No active sessions.</p> : null}
      {live.length > 0 ? (
        <TableBox label="Active sessions">
          <table>
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Expires</th>
                <th scope="col">IP</th>
                <th scope="col">Device</th>
                <th scope="col">Method</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((session) => (
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
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
    </section>
  );
}
