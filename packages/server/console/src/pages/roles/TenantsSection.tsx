// TenantsSection: the project's tenants — list, create (id and name), rename, delete.
import { useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { Loaded } from '../../components/useLoad.js';
import { authz, type Tenant } from './authzApi.js';
import { FormDialog, useSubmit } from './FormDialog.js';

export function TenantsSection(props: { tenants: Loaded<{ tenants: Tenant[] }>; onChanged(): void }) {
  const list = props.tenants.data?.tenants ?? [];
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const create = useSubmit(async () => {
    await authz.createTenant(id.trim() ? { id: id.trim(), name: name.trim() } : { name: name.trim() });
    setId('');
    setName('');
    props.onChanged();
  });
  return (
    <section aria-labelledby="tenants-heading">
      <h2 id="tenants-heading">Tenants</h2>
      <ErrorNotice error={props.tenants.error} />
      <div class="table-scroll">
        <table aria-labelledby="tenants-heading" aria-busy={props.tenants.loading}>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Name</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((tenant) => (
              <TenantRow key={tenant.id} tenant={tenant} onChanged={props.onChanged} />
            ))}
            {list.length === 0 && !props.tenants.loading ? (
              <tr>
                <td colSpan={3}>No tenants yet.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <form class="compact" onSubmit={create.onSubmit} aria-labelledby="new-tenant-heading">
        <h3 id="new-tenant-heading">New tenant</h3>
        <div class="grid">
          <label>
            Tenant ID
            <input
              value={id}
              maxLength={320}
              placeholder="generated when empty"
              onInput={(e) => setId(e.currentTarget.value)}
            />
          </label>
          <label>
            Tenant name
            <input value={name} required maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        </div>
        <ErrorNotice error={create.error} />
        <button type="submit" aria-busy={create.busy} disabled={create.busy}>
          Create tenant
        </button>
      </form>
    </section>
  );
}

function TenantRow(props: { tenant: Tenant; onChanged(): void }) {
  const { tenant } = props;
  const [name, setName] = useState(tenant.name);
  return (
    <tr>
      <th scope="row">
        <code>{tenant.id}</code>
      </th>
      <td>{tenant.name}</td>
      <td class="actions">
        <FormDialog
          label="Edit"
          buttonName={`Edit tenant ${tenant.id}`}
          title={`Edit tenant ${tenant.id}`}
          submitLabel="Save tenant"
          onOpen={() => setName(tenant.name)}
          onSubmit={async () => {
            await authz.updateTenant({ id: tenant.id, name: name.trim() });
            props.onChanged();
          }}
        >
          <label>
            Tenant name
            <input value={name} required maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        </FormDialog>{' '}
        <ConfirmButton
          label="Delete"
          danger
          question={`Delete the tenant "${tenant.name}" (${tenant.id})? Its tenant roles are deleted and its members leave it (the users stay).`}
          confirmLabel="Delete tenant"
          onConfirm={async () => {
            await authz.deleteTenant(tenant.id);
            props.onChanged();
          }}
        />
      </td>
    </tr>
  );
}
