// UserPage: one user — identity, roles, tenants, custom attributes, status (disable/enable), delete, sessions, logins.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Link } from '../../components/Link.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import { navigate } from '../../router.js';
import type { PageProps } from '../index.js';
import { type ApiUser, LocalTime, StatusBadge, TableBox } from './shared.js';
import { UserLogins } from './UserLogins.js';
import { UserRoles } from './UserRoles.js';
import { UserSessions } from './UserSessions.js';

export function UserPage(props: PageProps) {
  const userId = props.params.userId ?? '';
  const loaded = useLoad(() => api<{ user: ApiUser }>('GET', '/v1/mgmt/user', undefined, { userId }), [userId]);
  const user = loaded.data?.user;
  return (
    <>
      <p>
        <Link to="/users">← Users</Link>
      </p>
      <PageTitle>{user ? user.name || user.loginIds[0] || user.userId : 'User'}</PageTitle>
      <ErrorNotice error={loaded.error} />
      {user ? (
        <>
          <UserFacts user={user} onChanged={loaded.reload} />
          <UserRoles user={user} onChanged={loaded.reload} />
          <UserTenants user={user} />
          <CustomAttributes attributes={user.customAttributes} />
          <UserSessions userId={user.userId} />
          <UserLogins userId={user.userId} />
        </>
      ) : (
        <p aria-busy={loaded.loading} />
      )}
    </>
  );
}

function Verified(props: { value: string | undefined; verified: boolean }) {
  if (!props.value) return <span>—</span>;
  return (
    <>
      {props.value} <small>{props.verified ? '(verified)' : '(not verified)'}</small>
    </>
  );
}

function UserFacts(props: { user: ApiUser; onChanged(): void }) {
  const { user } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loginId = user.loginIds[0] ?? user.userId;
  const setStatus = async (status: 'enabled' | 'disabled') => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/v1/mgmt/user/update/status', { loginId, status });
      props.onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    await api('POST', '/v1/mgmt/user/delete', { userId: user.userId });
    navigate('/users');
  };
  return (
    <section aria-labelledby="user-details">
      <h2 id="user-details">Details</h2>
      <TableBox label="Details">
        <table>
          <tbody>
            <tr>
              <th scope="row">Status</th>
              <td>
                <StatusBadge status={user.status} />
              </td>
            </tr>
            <tr>
              <th scope="row">User id</th>
              <td>
                <code>{user.userId}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Login ids</th>
              <td>{user.loginIds.join(', ') || '—'}</td>
            </tr>
            <tr>
              <th scope="row">Phone</th>
              <td>
                <Verified value={user.phone} verified={user.verifiedPhone} />
              </td>
            </tr>
            <tr>
              <th scope="row">Email</th>
              <td>
                <Verified value={user.email} verified={user.verifiedEmail} />
              </td>
            </tr>
            <tr>
              <th scope="row">Created</th>
              <td>
                <LocalTime at={user.createdTime * 1000} />
              </td>
            </tr>
            {user.test ? (
              <tr>
                <th scope="row">Test user</th>
                <td>yes</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableBox>
      <ErrorNotice error={error} />
      <div class="actions">
        {user.status === 'enabled' ? (
          <button
            type="button"
            class="secondary"
            aria-busy={busy}
            disabled={busy}
            onClick={() => setStatus('disabled')}
          >
            Disable user
          </button>
        ) : (
          <button type="button" aria-busy={busy} disabled={busy} onClick={() => setStatus('enabled')}>
            Enable user
          </button>
        )}
        <ConfirmButton
          label="Delete user"
          question={`Delete ${user.name || loginId}? Their sessions and login history are deleted too. This cannot be undone.`}
          confirmLabel="Delete"
          onConfirm={remove}
          danger
        />
        <Link to={`/audit?userId=${encodeURIComponent(user.userId)}`}>Audit events of this user</Link>
      </div>
    </section>
  );
}

function UserTenants(props: { user: ApiUser }) {
  const tenants = props.user.userTenants;
  return (
    <section aria-labelledby="user-tenants">
      <h2 id="user-tenants">Tenants</h2>
      {tenants.length === 0 ? (
        <p>Not a member of any tenant.</p>
      ) : (
        <TableBox label="Tenants">
          <table>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Roles in the tenant</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((tenant) => (
                <tr key={tenant.tenantId}>
                  <td>
                    {tenant.tenantName ?? tenant.tenantId}
                    {tenant.tenantName ? <small> ({tenant.tenantId})</small> : null}
                  </td>
                  <td>{tenant.roleNames.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}

function CustomAttributes(props: { attributes: Record<string, unknown> }) {
  const entries = Object.entries(props.attributes);
  return (
    <section aria-labelledby="user-attributes">
      <h2 id="user-attributes">Custom attributes</h2>
      {entries.length === 0 ? (
        <p>No custom attributes.</p>
      ) : (
        <TableBox label="Custom attributes">
          <table>
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(([name, value]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td>
                    <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
