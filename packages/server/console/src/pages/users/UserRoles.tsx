// UserRoles: a user's project roles, with adding one of the project's roles and removing a role.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLoad } from '../../components/useLoad.js';
import type { ApiUser } from './shared.js';

interface ApiRole {
  name: string;
  description: string;
  tenantId?: string;
}

export function UserRoles(props: { user: ApiUser; onChanged(): void }) {
  const { user } = props;
  const roles = useLoad(() => api<{ roles: ApiRole[] }>('GET', '/v1/mgmt/role/all'), []);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loginId = user.loginIds[0] ?? user.userId;
  const addable = (roles.data?.roles ?? []).filter(
    (role) => role.tenantId === undefined && !user.roleNames.includes(role.name),
  );
  const pick = chosen && addable.some((role) => role.name === chosen) ? chosen : (addable[0]?.name ?? '');

  const change = async (path: string, roleName: string) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', path, { loginId, roleNames: [roleName] });
      props.onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const add = (event: Event) => {
    event.preventDefault();
    if (pick) void change('/v2/mgmt/user/update/role/add', pick);
  };

  return (
    <section aria-labelledby="user-roles">
      <h2 id="user-roles">Roles</h2>
      {user.roleNames.length === 0 ? (
        <p>No project roles.</p>
      ) : (
        <ul class="role-list">
          {user.roleNames.map((name) => (
            <li key={name}>
              <span>{name}</span>{' '}
              <button
                type="button"
                class="secondary outline"
                aria-label={`Remove role ${name}`}
                disabled={busy}
                onClick={() => change('/v1/mgmt/user/update/role/remove', name)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={roles.error ?? error} />
      {addable.length > 0 ? (
        <form onSubmit={add}>
          <label for="role-to-add">Role to add</label>
          <div class="actions">
            <select id="role-to-add" value={pick} onChange={(event) => setChosen(event.currentTarget.value)}>
              {addable.map((role) => (
                <option key={role.name} value={role.name}>
                  {role.description ? `${role.name} — ${role.description}` : role.name}
                </option>
              ))}
            </select>
            <button type="submit" aria-busy={busy} disabled={busy}>
              Add role
            </button>
          </div>
        </form>
      ) : roles.data ? (
        <p>
          <small>The user holds every project role.</small>
        </p>
      ) : null}
    </section>
  );
}
