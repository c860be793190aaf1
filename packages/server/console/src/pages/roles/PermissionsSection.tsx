// PermissionsSection: the project's permissions — list, create (with a description), edit, delete.
import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { Loaded } from '../../components/useLoad.js';
import { authz, type Permission } from './authzApi.js';
import { FormDialog, useSubmit } from './FormDialog.js';

export function PermissionsSection(props: { permissions: Loaded<{ permissions: Permission[] }>; onChanged(): void }) {
  const list = props.permissions.data?.permissions ?? [];
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useSubmit(async () => {
    await authz.createPermission({ name: name.trim(), description });
    setName('');
    setDescription('');
    props.onChanged();
  });
  return (
    <section aria-labelledby="permissions-heading">
      <h2 id="permissions-heading">Permissions</h2>
      <ErrorNotice error={props.permissions.error} />
      <div class="table-scroll">
        <table aria-labelledby="permissions-heading" aria-busy={props.permissions.loading}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((permission) => (
              <PermissionRow key={permission.name} permission={permission} onChanged={props.onChanged} />
            ))}
            {list.length === 0 && !props.permissions.loading ? (
              <tr>
                <td colSpan={3}>No permissions yet.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <form class="compact" onSubmit={create.onSubmit} aria-labelledby="new-permission-heading">
        <h3 id="new-permission-heading">New permission</h3>
        <div class="grid">
          <PermissionFields name={name} description={description} onName={setName} onDescription={setDescription} />
        </div>
        <ErrorNotice error={create.error} />
        <button type="submit" aria-busy={create.busy} disabled={create.busy}>
          Create permission
        </button>
      </form>
    </section>
  );
}

function PermissionRow(props: { permission: Permission; onChanged(): void }) {
  const { permission } = props;
  const [name, setName] = useState(permission.name);
  const [description, setDescription] = useState(permission.description ?? '');
  return (
    <tr>
      <th scope="row">{permission.name}</th>
      <td>{permission.description}</td>
      <td class="actions">
        <FormDialog
          label="Edit"
          buttonName={`Edit permission ${permission.name}`}
          title={`Edit permission ${permission.name}`}
          submitLabel="Save permission"
          onOpen={() => {
            setName(permission.name);
            setDescription(permission.description ?? '');
          }}
          onSubmit={async () => {
            await authz.updatePermission({ name: permission.name, newName: name.trim(), description });
            props.onChanged();
          }}
        >
          <PermissionFields name={name} description={description} onName={setName} onDescription={setDescription} />
        </FormDialog>{' '}
        <ConfirmButton
          label="Delete"
          danger
          question={`Delete the permission "${permission.name}"? Roles that grant it lose it.`}
          confirmLabel="Delete permission"
          onConfirm={async () => {
            await authz.deletePermission(permission.name);
            props.onChanged();
          }}
        />
      </td>
    </tr>
  );
}

/** The name and description inputs of a permission, in the create form and the edit dialog. */
function PermissionFields(props: {
  name: string;
  description: string;
  onName(name: string): void;
  onDescription(description: string): void;
}) {
  return (
    <>
      <label>
        Permission name
        <input value={props.name} required maxLength={100} onInput={(e) => props.onName(e.currentTarget.value)} />
      </label>
      <label>
        Permission description
        <input value={props.description} maxLength={1024} onInput={(e) => props.onDescription(e.currentTarget.value)} />
      </label>
    </>
  );
}
