// KeysPage: the project's signing keys (the active one and those retiring) and "Rotate signing key".
import { api } from '../api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageTitle } from '../components/PageTitle.js';
import { useLoad } from '../components/useLoad.js';
import { useSession } from '../session.js';
import { LocalTime, TableBox } from './users/shared.js';

/** One key as GET /v1/mgmt/notp/keys answers it (times epoch ms), newest first. */
interface ApiKey {
  kid: string;
  alg: string;
  createdAt: number;
  status: 'active' | 'retiring';
  retiresAt: number | null;
}

export function KeysPage() {
  const { session } = useSession();
  const keys = useLoad(() => api<{ keys: ApiKey[] }>('GET', '/v1/mgmt/notp/keys'), []);
  const rotate = async () => {
    await api('POST', '/v1/mgmt/notp/keys/rotate', {});
    keys.reload();
  };
  const jwks = `/v2/keys/${session.projectId}`;
  return (
    <>
      <PageTitle>Keys</PageTitle>
      <p>
        Session tokens are signed with the active key. Apps verify them with the public keys published at{' '}
        <a href={jwks}>
          <code>{jwks}</code>
        </a>
        .
      </p>
      <ErrorNotice error={keys.error} />
      <TableBox label="Signing keys" busy={keys.loading}>
        {keys.data && keys.data.keys.length === 0 ? <p>This project has no signing key yet.</p> : null}
        {keys.data && keys.data.keys.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Key id (kid)</th>
                <th scope="col">Status</th>
                <th scope="col">Algorithm</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((key) => (
                <tr key={key.kid}>
                  <td>
                    <code>{key.kid}</code>
                  </td>
                  <td>
                    {key.status === 'active' ? (
                      <mark class="status status-enabled">active</mark>
                    ) : (
                      <>
                        retiring
                        {key.retiresAt ? (
                          <small>
                            {' '}
                            (until <LocalTime at={key.retiresAt} />)
                          </small>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td>{key.alg}</td>
                  <td>
                    <LocalTime at={key.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </TableBox>
      <ConfirmButton
        label="Rotate signing key"
        question="Make a new signing key and sign every new token with it? The current key keeps verifying the tokens it already signed, so existing sessions stay valid until they expire; then it retires."
        confirmLabel="Rotate now"
        onConfirm={rotate}
      />
    </>
  );
}
