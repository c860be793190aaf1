// UserLogins: a user's recent logins, newest first (GET /v1/mgmt/notp/login-history).
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLoad } from '../../components/useLoad.js';
import { LocalTime, TableBox } from './shared.js';

/** How many of the latest logins the page shows. */
const LOGINS_SHOWN = 20;

interface ApiLogin {
  /** Epoch ms. */
  at: number;
  ip: string;
  city: string;
  country: string;
}

export function UserLogins(props: { userId: string }) {
  const history = useLoad(
    () =>
      api<{ logins: ApiLogin[] }>('GET', '/v1/mgmt/notp/login-history', undefined, {
        userId: props.userId,
        limit: LOGINS_SHOWN,
      }),
    [props.userId],
  );
  const logins = history.data?.logins ?? [];
  return (
    <section aria-labelledby="user-logins" aria-busy={history.loading}>
      <h2 id="user-logins">Login history</h2>
      <ErrorNotice error={history.error} />
      {history.data && logins.length === 0 ? <p>No logins yet.</p> : null}
      {logins.length > 0 ? (
        <TableBox label="Login history">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">IP</th>
                <th scope="col">Place</th>
              </tr>
            </thead>
            <tbody>
              {logins.map((login) => (
                <tr key={`${login.at}-${login.ip}`}>
                  <td>
                    <LocalTime at={login.at} />
                  </td>
                  <td>{login.ip || '—'}</td>
                  <td>{[login.city, login.country].filter(Boolean).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
    </section>
  );
}
