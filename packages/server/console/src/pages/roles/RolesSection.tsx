// RolesSection: the project's roles — name, description, permissions (checkboxes); the built-in role kept as it is.
import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { Loaded } from '../../components/useLoad.js';
import { authz, isBuiltin, type Permission, type Role } from './authzApi.js';
import { FormDialog, useSubmit } from './FormDialog.js';

export function RolesSection(props: {
  roles: Loaded<{ roles: Role[] }>;
  permissions: Permission[];
  onChanged(): void;
}) {
  const list = props.roles.data?.roles ?? [];
  const form = useRoleForm({ name: '', description: '', permissionNames: [] });
  const create = useSubmit(async () => {
    await authz.createRole({ name: form.name.trim(), description: form.description, permissionNames: form.granted });
    form.reset();
    props.onChanged();
  });
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <ErrorNotice error={props.roles.error} />
      <div class="table-scroll">
        <table aria-labelledby="roles-heading" aria-busy={props.roles.loading}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Permissions</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((role) => (
              <RoleRow
                key={`${role.tenantId ?? ''}/${role.name}`}
                role={role}
                permissions={props.permissions}
                onChanged={props.onChanged}
              />
            ))}
          </tbody>
        </table>
      </div>
      <form class="compact" onSubmit={create.onSubmit} aria-labelledby="new-role-heading">
        <h3 id="new-role-heading">New role</h3>
        <RoleFields {...form.fields} permissions={props.permissions} />
        <ErrorNotice error={create.error} />
        <button type="submit" aria-busy={create.busy} disabled={create.busy}>
          Create role
        </button>
      </form>
    </section>
  );
}

function RoleRow(props: { role: Role; permissions: Permission[]; onChanged(): void }) {
  const { role } = props;
  const builtin = isBuiltin(role);
  const form = useRoleForm({
    name: role.name,
    description: role.description ?? '',
    permissionNames: role.permissionNames,
  });
  const label = role.tenantId ? `${role.name} (tenant ${role.tenantId})` : role.name;
  return (
    <tr>
      <th scope="row">
        {role.name}
        {builtin ? <mark class="badge">Built-in</mark> : null}
        {role.tenantId ? <small> tenant {role.tenantId}</small> : null}
      </th>
      <td>{role.description}</td>
      <td>{role.permissionNames.length > 0 ? role.permissionNames.join(', ') : <small>none</small>}</td>
      <td class="actions">
        <FormDialog
          label="Edit"
          buttonName={`Edit role ${label}`}
          title={`Edit role ${label}`}
          submitLabel="Save role"
          onOpen={() => form.reset()}
          onSubmit={async () => {
            await authz.updateRole({
              name: role.name,
              newName: form.name.trim(),
              description: form.description,
              permissionNames: form.granted,
              ...(role.tenantId ? { tenantId: role.tenantId } : {}),
              ...(role.default ? { default: true } : {}),
            });
            props.onChanged();
          }}
        >
          <RoleFields {...form.fields} permissions={props.permissions} nameLocked={builtin} />
        </FormDialog>{' '}
        {builtin ? (
          <small>Cannot be deleted</small>
        ) : (
          <ConfirmButton
            label="Delete"
            danger
            question={`Delete the role "${label}"? Users holding it lose it.`}
            confirmLabel="Delete role"
            onConfirm={async () => {
              await authz.deleteRole(role);
              props.onChanged();
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** A role's field values (create form, edit dialog), a reset to `initial`, and the props RoleFields takes. */
function useRoleForm(initial: { name: string; description: string; permissionNames: string[] }) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [granted, setGranted] = useState<string[]>(initial.permissionNames);
  const reset = () => {
    setName(initial.name);
    setDescription(initial.description);
    setGranted(initial.permissionNames);
  };
  const fields = { name, description, granted, onName: setName, onDescription: setDescription, onGranted: setGranted };
  return { name, description, granted, reset, fields };
}

function RoleFields(props: {
  name: string;
  description: string;
  granted: string[];
  permissions: Permission[];
  nameLocked?: boolean;
  onName(value: string): void;
  onDescription(value: string): void;
  onGranted(value: string[]): void;
}) {
  const toggle = (permission: string, on: boolean) =>
    props.onGranted(on ? [...props.granted, permission] : props.granted.filter((p) => p !== permission));
  return (
    <>
      <div class="grid">
        <label>
          Role name
          <input
            value={props.name}
            required
            maxLength={100}
            readOnly={props.nameLocked}
            aria-describedby={props.nameLocked ? 'builtin-help' : undefined}
            onInput={(e) => props.onName(e.currentTarget.value)}
          />
          {props.nameLocked ? <small id="builtin-help">The built-in role cannot be renamed.</small> : null}
        </label>
        <label>
          Role description
          <input
            value={props.description}
            maxLength={1024}
            onInput={(e) => props.onDescription(e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>Permissions</legend>
        {props.permissions.length === 0 ? <small>No permissions yet: create them under Permissions.</small> : null}
        {props.permissions.map((permission) => (
          <label key={permission.name}>
            <input
              type="checkbox"
              checked={props.granted.includes(permission.name)}
              onChange={(e) => toggle(permission.name, e.currentTarget.checked)}
            />
            {permission.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}
