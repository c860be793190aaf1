// Management of a project's roles (management.role.*): project roles and tenant-scoped roles, the built-in one kept.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../../deps.js';
import { BUILTIN_ROLE_NAME, type RoleQuery, type RoleRecord } from '../../../store/authzPorts.js';
import { renamedIn } from '../../../store/authzRows.js';
import { rewriteUsers } from './rewriteUsers.js';

type AuthzDeps = Pick<Deps, 'store' | 'clock'>;

export interface RoleInput {
  name: string;
  newName?: string;
  description?: string;
  permissionNames?: string[];
  tenantId?: string;
  default?: boolean;
}

export interface RoleResponse {
  name: string;
  description: string;
  permissionNames: string[];
  /** Epoch seconds. */
  createdTime: number;
  tenantId?: string;
  default: boolean;
}

export function toRoleResponse(r: RoleRecord): RoleResponse {
  const out: RoleResponse = {
    name: r.name,
    description: r.description,
    permissionNames: [...r.permissionNames],
    createdTime: Math.floor(r.createdAt / 1000),
    default: r.isDefault,
  };
  if (r.tenantId !== null) out.tenantId = r.tenantId;
  return out;
}

const isBuiltin = (tenantId: string | null, name: string): boolean => tenantId === null && name === BUILTIN_ROLE_NAME;

/** Throws tenantNotFound unless the tenant exists (tenant-scoped roles). */
async function requireTenant(deps: AuthzDeps, projectId: string, tenantId: string | undefined): Promise<void> {
  if (tenantId && !(await deps.store.authz.getTenant(projectId, tenantId))) {
    throw new NotpError(errors.tenantNotFound, { message: `Tenant "${tenantId}" does not exist` });
  }
}

/** Throws permissionNotFound naming the permissions that do not exist in the project. */
async function requirePermissions(deps: AuthzDeps, projectId: string, names: readonly string[]): Promise<string[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return unique;
  const known = new Set((await deps.store.authz.listPermissions(projectId)).map((p) => p.name));
  const missing = unique.filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new NotpError(errors.permissionNotFound, { message: `Unknown permission(s): ${missing.join(', ')}` });
  }
  return unique;
}

export async function createRole(deps: AuthzDeps, projectId: string, input: RoleInput): Promise<void> {
  await requireTenant(deps, projectId, input.tenantId);
  const role: RoleRecord = {
    projectId,
    name: input.name,
    tenantId: input.tenantId || null,
    description: input.description ?? '',
    permissionNames: await requirePermissions(deps, projectId, input.permissionNames ?? []),
    isDefault: input.default === true,
    createdAt: deps.clock.now(),
  };
  if (!(await deps.store.authz.createRole(role))) {
    throw new NotpError(errors.roleExists, { message: `Role "${input.name}" already exists` });
  }
}

/**
 * Replaces the role's description, permissions and default flag (absent = empty, as the hosted service's update);
 * `newName` renames it, and the users holding it follow. The built-in role cannot be renamed.
 */
export async function updateRole(deps: AuthzDeps, projectId: string, input: RoleInput): Promise<void> {
  const tenantId = input.tenantId || null;
  const newName = input.newName || input.name;
  if (isBuiltin(tenantId, input.name) && newName !== input.name) {
    throw new NotpError(errors.builtinRoleProtected, {
      message: `The built-in role "${BUILTIN_ROLE_NAME}" cannot be renamed`,
    });
  }
  const current = (await deps.store.authz.listRoles(projectId, scopeQuery(tenantId, input.name)))[0];
  if (!current) throw new NotpError(errors.roleNotFound, { message: `Role "${input.name}" does not exist` });
  const next: RoleRecord = {
    ...current,
    name: newName,
    description: input.description ?? '',
    permissionNames: await requirePermissions(deps, projectId, input.permissionNames ?? []),
    isDefault: input.default === true,
  };
  const result = await deps.store.authz.updateRole(projectId, tenantId, input.name, next);
  if (result === 'not-found')
    throw new NotpError(errors.roleNotFound, { message: `Role "${input.name}" does not exist` });
  if (result === 'name-taken') throw new NotpError(errors.roleExists, { message: `Role "${newName}" already exists` });
  if (newName !== input.name) await renameInUsers(deps, projectId, tenantId, input.name, newName);
}

/** Deletes the role and takes it from its users; the built-in role cannot be deleted. */
export async function deleteRole(
  deps: AuthzDeps,
  projectId: string,
  input: { name: string; tenantId?: string },
): Promise<void> {
  const tenantId = input.tenantId || null;
  if (isBuiltin(tenantId, input.name)) {
    throw new NotpError(errors.builtinRoleProtected, {
      message: `The built-in role "${BUILTIN_ROLE_NAME}" cannot be deleted`,
    });
  }
  if (!(await deps.store.authz.deleteRole(projectId, tenantId, input.name))) {
    throw new NotpError(errors.roleNotFound, { message: `Role "${input.name}" does not exist` });
  }
  await renameInUsers(deps, projectId, tenantId, input.name, null);
}

/** A project role lives in user.roleNames and in every membership; a tenant role only in that tenant's membership. */
async function renameInUsers(
  deps: AuthzDeps,
  projectId: string,
  tenantId: string | null,
  from: string,
  to: string | null,
): Promise<void> {
  // A tenant role of the same name still exists in that tenant: a project role's rename must not touch it there.
  const shadowedIn = new Set(
    tenantId === null
      ? (await deps.store.authz.listRoles(projectId, { names: [from] })).flatMap((r) =>
          r.tenantId ? [r.tenantId] : [],
        )
      : [],
  );
  // A tenant's membership naming a project role of the same name keeps naming that one.
  if (tenantId !== null && (await deps.store.authz.listRoles(projectId, scopeQuery(null, from))).length > 0) return;
  await rewriteUsers(deps, projectId, { roleNames: [from], ...(tenantId ? { tenantIds: [tenantId] } : {}) }, (user) => {
    let touched = false;
    const rename = (names: string[]): string[] => {
      if (!names.includes(from)) return names;
      touched = true;
      return renamedIn(names, from, to);
    };
    const roleNames = tenantId === null ? rename(user.roleNames) : user.roleNames;
    const userTenants = user.userTenants.map((t) =>
      (tenantId === null ? shadowedIn.has(t.tenantId) : t.tenantId !== tenantId)
        ? t
        : { ...t, roleNames: rename(t.roleNames) },
    );
    return touched ? { ...user, roleNames, userTenants } : null;
  });
}

const scopeQuery = (tenantId: string | null, name: string): RoleQuery =>
  tenantId === null
    ? { tenantIds: [], includeProjectRoles: true, names: [name] }
    : { tenantIds: [tenantId], names: [name] };

export interface RoleSearchInput {
  tenantIds?: string[];
  roleNames?: string[];
  roleNameLike?: string;
  permissionNames?: string[];
  includeProjectRoles?: boolean;
}

export async function listRoles(
  deps: Pick<Deps, 'store'>,
  projectId: string,
  input: RoleSearchInput = {},
): Promise<{ roles: RoleResponse[] }> {
  const query: RoleQuery = {};
  if (input.tenantIds?.length) {
    query.tenantIds = input.tenantIds;
    query.includeProjectRoles = input.includeProjectRoles === true;
  }
  if (input.roleNames?.length) query.names = input.roleNames;
  if (input.roleNameLike) query.nameLike = input.roleNameLike;
  if (input.permissionNames?.length) query.permissionNames = input.permissionNames;
  return { roles: (await deps.store.authz.listRoles(projectId, query)).map(toRoleResponse) };
}
