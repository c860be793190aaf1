// CreateUser: the "Create user" form of the Users page — phone (the WhatsApp login id) or email, name, project roles.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLoad } from '../../components/useLoad.js';
import { navigate } from '../../router.js';
import { type ApiUser, userPath } from './shared.js';

interface Draft {
  phone: string;
  name: string;
  email: string;
  roleNames: string[];
}

const EMPTY: Draft = { phone: '', name: '', email: '', roleNames: [] };

/** The create body: the phone is the login id (the user signs in with WhatsApp); without one, the email is. */
export function createBodyOf(draft: Draft): Record<string, unknown> {
  const phone = draft.phone.replace(/[\s().-]/g, '');
  const email = draft.email.trim();
  const body: Record<string, unknown> = { loginId: phone || email };
  if (phone) body.phone = phone;
  if (email) body.email = email;
  if (draft.name.trim()) body.name = draft.name.trim();
  if (draft.roleNames.length > 0) body.roleNames = draft.roleNames;
  return body;
}

export function CreateUser() {
  const [open, setOpen] = useState(false);
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Create user</summary>
      {open ? <CreateUserForm /> : null}
    </details>
  );
}

function CreateUserForm() {
  const roles = useLoad(() => api<{ roles: { name: string; tenantId?: string }[] }>('GET', '/v1/mgmt/role/all'), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const text = (name: 'phone' | 'name' | 'email') => ({
    name,
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value }),
  });
  const toggleRole = (role: string, on: boolean) =>
    setDraft({ ...draft, roleNames: on ? [...draft.roleNames, role] : draft.roleNames.filter((r) => r !== role) });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!draft.phone.trim() && !draft.email.trim()) {
      setError(new Error('Give a phone number or an email address: it is the new user’s login id.'));
      return;
    }
    setBusy(true);
    try {
      const { user } = await api<{ user: ApiUser }>('POST', '/v1/mgmt/user/create', createBodyOf(draft));
      navigate(userPath(user.userId));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const projectRoles = (roles.data?.roles ?? []).filter((role) => role.tenantId === undefined);
  return (
    <form onSubmit={submit}>
      <div class="grid">
        <label>
          Phone
          <input type="tel" autocomplete="off" placeholder="+14155550100" {...text('phone')} />
        </label>
        <label>
          Name
          <input type="text" autocomplete="off" {...text('name')} />
        </label>
        <label>
          Email
          <input type="email" autocomplete="off" {...text('email')} />
        </label>
      </div>
      {projectRoles.length > 0 ? (
        <fieldset>
          <legend>Roles</legend>
          {projectRoles.map((role) => (
            <label key={role.name}>
              <input
                type="checkbox"
                checked={draft.roleNames.includes(role.name)}
                onChange={(event) => toggleRole(role.name, event.currentTarget.checked)}
              />
              {role.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <ErrorNotice error={error ?? roles.error} />
      <button type="submit" aria-busy={busy} disabled={busy}>
        Create
      </button>
    </form>
  );
}
