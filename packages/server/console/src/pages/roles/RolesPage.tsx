// RolesPage: the project's authorisation model — permissions, roles (built from them) and tenants, one section each.
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import { authz } from './authzApi.js';
import { PermissionsSection } from './PermissionsSection.js';
import { RolesSection } from './RolesSection.js';
import { TenantsSection } from './TenantsSection.js';

export function RolesPage() {
  const permissions = useLoad(authz.permissions, []);
  const roles = useLoad(authz.roles, []);
  const tenants = useLoad(authz.tenants, []);
  // A renamed or deleted permission changes the roles that grant it, so both lists reload together.
  const authzChanged = () => {
    permissions.reload();
    roles.reload();
  };
  return (
    <>
      <PageTitle>Roles</PageTitle>
      <nav aria-label="Sections of this page">
        <ul>
          <li>
            <a href="#roles-heading">Roles</a>
          </li>
          <li>
            <a href="#permissions-heading">Permissions</a>
          </li>
          <li>
            <a href="#tenants-heading">Tenants</a>
          </li>
        </ul>
      </nav>
      <RolesSection roles={roles} permissions={permissions.data?.permissions ?? []} onChanged={roles.reload} />
      <PermissionsSection permissions={permissions} onChanged={authzChanged} />
      <TenantsSection
        tenants={tenants}
        onChanged={() => {
          tenants.reload();
          roles.reload();
        }}
      />
    </>
  );
}
