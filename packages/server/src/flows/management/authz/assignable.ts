// Whether roles and tenants exist where a user would get them; the memberships with their tenants' names.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../../deps.js';
import type { UserTenantRecord } from '../../../store/ports.js';

type AuthzDeps = Pick<Deps, 'store'>;

/**
 * Checks that every role exists where it is assigned (project roles at the top level; in a tenant, that tenant's
 * roles or project roles) and every tenant exists; throws roleNotFound / tenantNotFound naming the missing ones.
 * Returns the tenants' names, for the memberships.
 */
export async function requireAssignable(
  deps: AuthzDeps,
  projectId: string,
  roleNames: readonly string[],
  userTenants: readonly Pick<UserTenantRecord, 'tenantId' | 'roleNames'>[],
): Promise<Map<string, string>> {
  const tenantIds = [...new Set(userTenants.map((t) => t.tenantId))];
  const [roles, tenants] = await Promise.all([
    deps.store.authz.listRoles(projectId, { tenantIds, includeProjectRoles: true }),
    tenantIds.length > 0 ? deps.store.authz.listTenants(projectId, { ids: tenantIds }) : [],
  ]);
  const names = new Map(tenants.map((t) => [t.tenantId, t.name]));
  const unknownTenants = tenantIds.filter((id) => !names.has(id));
  if (unknownTenants.length > 0) {
    throw new NotpError(errors.tenantNotFound, { message: `Unknown tenant(s): ${unknownTenants.join(', ')}` });
  }
  const exists = (tenantId: string | null, name: string): boolean =>
    roles.some((r) => r.name === name && (r.tenantId === null || r.tenantId === tenantId));
  const missing = new Set<string>();
  for (const name of roleNames) if (!exists(null, name)) missing.add(name);
  for (const t of userTenants) for (const name of t.roleNames) if (!exists(t.tenantId, name)) missing.add(name);
  if (missing.size > 0) {
    throw new NotpError(errors.roleNotFound, { message: `Unknown role(s): ${[...missing].join(', ')}` });
  }
  return names;
}

/** `userTenants` with each membership's tenant name, after requireAssignable checked roles and tenants. */
export async function withTenantNames(
  deps: AuthzDeps,
  projectId: string,
  roleNames: readonly string[],
  userTenants: readonly UserTenantRecord[],
): Promise<UserTenantRecord[]> {
  const names = await requireAssignable(deps, projectId, roleNames, userTenants);
  return userTenants.map((t) => ({ ...t, tenantName: names.get(t.tenantId) ?? t.tenantId }));
}
