// UserLogins: a user's recent logins, newest first (GET /v1/mgmt/notp/login-history).
import { api } from '../../api.js';
import { useLoad } from '../../components/useLoad.js';
import { LoadedTable } from './LoadedTable.js';
import { LocalTime } from './shared.js';

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
  return (
    <LoadedTable
      id="user-logins"
      title="Login history"
      load={history}
      rows={history.data?.logins ?? []}
      empty="No logins yet."
      columns={['Time', 'IP', 'Place']}
      row={(login) => (
        <tr key={`${login.at}-${login.ip}`}>
          <td>
            <LocalTime at={login.at} />
          </td>
          <td>{login.ip || '—'}</td>
          <td>{[login.city, login.country].filter(Boolean).join(', ') || '—'}</td>
        </tr>
      )}
    />
  );
}
