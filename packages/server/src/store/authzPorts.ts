// Store port for roles, permissions and tenants (the authorisation model of one project), checked by authzConformance.ts.
// Same rules as ports.ts: times are epoch ms, every method is async, "not found" is a return value, never a throw.

/** The role every project has from its creation on; it cannot be deleted or renamed. */
export const BUILTIN_ROLE_NAME = 'console-admin';
export const BUILTIN_ROLE_DESCRIPTION = 'Built-in: administers the project (users, roles, settings) in a console';

export interface PermissionRecord {
  projectId: string;
  /** Unique per project. */
  name: string;
  description: string;
  createdAt: number;
}

export interface RoleRecord {
  projectId: string;
  /** Unique per project and tenant (a tenant-scoped role may share the name of a project role). */
  name: string;
  /** null: a project role; otherwise the tenant the role belongs to. */
  tenantId: string | null;
  description: string;
  /** Names of permissions of the project (kept consistent by the store on permission rename/delete). */
  permissionNames: string[];
  /** The hosted service's "default role" flag, stored and answered as given. */
  isDefault: boolean;
  createdAt: number;
}

export interface TenantRecord {
  projectId: string;
  /** Unique per project. */
  tenantId: string;
  name: string;
  selfProvisioningDomains: string[];
  customAttributes: Record<string, unknown>;
  disabled: boolean;
  createdAt: number;
}

export interface RoleQuery {
  /** Only roles of these tenants (and project roles when `includeProjectRoles`). */
  tenantIds?: string[];
  /** With `tenantIds`: also the project roles (default true without `tenantIds`). */
  includeProjectRoles?: boolean;
  /** Exact names. */
  names?: string[];
  /** Case-insensitive substring of the name. */
  nameLike?: string;
  /** Roles that hold any of these permissions. */
  permissionNames?: string[];
}

export interface TenantQuery {
  ids?: string[];
  /** Exact names. */
  names?: string[];
  /** Tenants with any of these self-provisioning domains. */
  selfProvisioningDomains?: string[];
}

/** Outcome of a rename-capable update. */
export type AuthzUpdateResult = 'ok' | 'not-found' | 'name-taken';

export interface AuthzStore {
  /** Inserts a permission; false (nothing written) when the name is taken in the project. */
  createPermission(permission: PermissionRecord): Promise<boolean>;
  /** Renames/redescribes `name`; a rename is carried into every role of the project, atomically. */
  updatePermission(
    projectId: string,
    name: string,
    next: { name: string; description: string },
  ): Promise<AuthzUpdateResult>;
  /** Deletes the permission and removes it from every role of the project, atomically; false when absent. */
  deletePermission(projectId: string, name: string): Promise<boolean>;
  /** The project's permissions, by name. */
  listPermissions(projectId: string): Promise<PermissionRecord[]>;

  /** Inserts a role; false (nothing written) when its name is taken in its scope (project or tenant). */
  createRole(role: RoleRecord): Promise<boolean>;
  /** Replaces the role `(tenantId, name)` by `next` (same project and tenant; name may change). */
  updateRole(projectId: string, tenantId: string | null, name: string, next: RoleRecord): Promise<AuthzUpdateResult>;
  /** Deletes the role `(tenantId, name)`; false when absent. */
  deleteRole(projectId: string, tenantId: string | null, name: string): Promise<boolean>;
  /** The project's matching roles, ordered by tenant (project roles first) then name. */
  listRoles(projectId: string, query?: RoleQuery): Promise<RoleRecord[]>;

  /** Inserts a tenant; false (nothing written) when the id is taken in the project. */
  createTenant(tenant: TenantRecord): Promise<boolean>;
  /** Replaces the tenant (matched by projectId + tenantId; createdAt kept); false when absent. */
  updateTenant(tenant: TenantRecord): Promise<boolean>;
  /** Deletes the tenant and its tenant-scoped roles, atomically; false when absent. */
  deleteTenant(projectId: string, tenantId: string): Promise<boolean>;
  getTenant(projectId: string, tenantId: string): Promise<TenantRecord | null>;
  /** The project's matching tenants (filters combine with AND; an empty/absent filter matches all), by id. */
  listTenants(projectId: string, query?: TenantQuery): Promise<TenantRecord[]>;
}

/** The built-in role of a project (what migrations and project creation insert). */
export function builtinRole(projectId: string, createdAt: number): RoleRecord {
  return {
    projectId,
    name: BUILTIN_ROLE_NAME,
    tenantId: null,
    description: BUILTIN_ROLE_DESCRIPTION,
    permissionNames: [],
    isDefault: false,
    createdAt,
  };
}
