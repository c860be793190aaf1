// authzApi: the roles, permissions and tenants management routes the Roles page calls (managementAuthz.ts).
import { api } from '../../api.js';

export interface Permission {
  name: string;
  description?: string;
  systemDefault?: boolean;
}
export interface Role {
  name: string;
  description?: string;
  permissionNames: string[];
  createdTime?: number;
  tenantId?: string;
  default?: boolean;
}
export interface Tenant {
  id: string;
  name: string;
}

/** Every project has this role; the server refuses to rename or delete it (E907007). */
export const BUILTIN_ROLE = 'console-admin';
export const isBuiltin = (role: Role) => role.name === BUILTIN_ROLE && !role.tenantId;

export const authz = {
  permissions: () => api<{ permissions: Permission[] }>('GET', '/v1/mgmt/permission/all'),
  createPermission: (body: { name: string; description: string }) => api('POST', '/v1/mgmt/permission/create', body),
  updatePermission: (body: { name: string; newName: string; description: string }) =>
    api('POST', '/v1/mgmt/permission/update', body),
  deletePermission: (name: string) => api('POST', '/v1/mgmt/permission/delete', { name }),

  roles: () => api<{ roles: Role[] }>('GET', '/v1/mgmt/role/all'),
  createRole: (body: { name: string; description: string; permissionNames: string[]; tenantId?: string }) =>
    api('POST', '/v1/mgmt/role/create', body),
  /** Replaces description and permissions (absent = none), so every field is sent. */
  updateRole: (body: {
    name: string;
    newName: string;
    description: string;
    permissionNames: string[];
    tenantId?: string;
    default?: boolean;
  }) => api('POST', '/v1/mgmt/role/update', body),
  deleteRole: (role: Role) =>
    api(
      'POST',
      '/v1/mgmt/role/delete',
      role.tenantId ? { name: role.name, tenantId: role.tenantId } : { name: role.name },
    ),

  tenants: () => api<{ tenants: Tenant[] }>('GET', '/v1/mgmt/tenant/all'),
  createTenant: (body: { id?: string; name: string }) => api<{ id: string }>('POST', '/v1/mgmt/tenant/create', body),
  updateTenant: (body: { id: string; name: string }) => api('POST', '/v1/mgmt/tenant/update', body),
  deleteTenant: (id: string) => api('POST', '/v1/mgmt/tenant/delete', { id }),
};
