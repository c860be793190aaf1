// A user's roles and tenants (management.user.addRoles/removeRoles/setRoles/addTenant/removeTenant/…TenantRoles).
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../../deps.js';
import type { UserRecord, UserTenantRecord } from '../../../store/ports.js';
import { findUser } from '../findUser.js';
import { saveUser } from '../updateUser.js';

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

export interface UserRolesInput {
  loginId?: string;
  userId?: string;
  roleNames?: string[];
  tenantId?: string;
}

type Change = 'add' | 'remove' | 'set';

function applied(current: readonly string[], change: Change, names: readonly string[]): string[] {
  if (change === 'set') return [...new Set(names)];
  if (change === 'remove') return current.filter((n) => !names.includes(n));
  return [...new Set([...current, ...names])];
}

/** Adds, removes or sets roles: project roles, or (with tenantId) the user's roles in that tenant (joining it). */
export async function changeUserRoles(
  deps: Deps,
  projectId: string,
  input: UserRolesInput,
  change: Change,
): Promise<UserRecord> {
  const user = await findUser(deps, projectId, { loginId: input.loginId ?? input.userId });
  const names = input.roleNames ?? [];
  if (!input.tenantId) {
    if (change !== 'remove') await requireAssignable(deps, projectId, names, []);
    return saveUser(deps, {
      ...user,
      roleNames: applied(user.roleNames, change, names),
      updatedAt: deps.clock.now(),
    });
  }
  const tenantId = input.tenantId;
  const membership = user.userTenants.find((t) => t.tenantId === tenantId);
  if (change === 'remove' && !membership) return user;
  const tenantNames =
    change === 'remove'
      ? new Map<string, string>()
      : await requireAssignable(deps, projectId, [], [{ tenantId, roleNames: names }]);
  const next: UserTenantRecord = membership
    ? { ...membership, roleNames: applied(membership.roleNames, change, names) }
    : { tenantId, tenantName: tenantNames.get(tenantId) ?? tenantId, roleNames: applied([], change, names) };
  const userTenants = membership
    ? user.userTenants.map((t) => (t.tenantId === tenantId ? next : t))
    : [...user.userTenants, next];
  return saveUser(deps, { ...user, userTenants, updatedAt: deps.clock.now() });
}

/** Adds the user to a tenant (no roles; a no-op when already a member) or removes them from it. */
export async function changeUserTenant(
  deps: Deps,
  projectId: string,
  input: { loginId?: string; userId?: string; tenantId: string },
  change: 'add' | 'remove',
): Promise<UserRecord> {
  const user = await findUser(deps, projectId, { loginId: input.loginId ?? input.userId });
  const member = user.userTenants.some((t) => t.tenantId === input.tenantId);
  if (change === 'remove') {
    if (!member) return user;
    const userTenants = user.userTenants.filter((t) => t.tenantId !== input.tenantId);
    return saveUser(deps, { ...user, userTenants, updatedAt: deps.clock.now() });
  }
  const names = await requireAssignable(deps, projectId, [], [{ tenantId: input.tenantId, roleNames: [] }]);
  if (member) return user;
  const membership = {
    tenantId: input.tenantId,
    tenantName: names.get(input.tenantId) ?? input.tenantId,
    roleNames: [],
  };
  return saveUser(deps, { ...user, userTenants: [...user.userTenants, membership], updatedAt: deps.clock.now() });
}
