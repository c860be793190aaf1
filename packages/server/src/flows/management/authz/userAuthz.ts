// A user's roles and tenants (management.user.addRoles/removeRoles/setRoles/addTenant/removeTenant/…TenantRoles).
import type { Deps } from '../../../deps.js';
import type { UserRecord, UserTenantRecord } from '../../../store/ports.js';
import { findUser } from '../findUser.js';
import { saveUser } from '../updateUser.js';
import { requireAssignable } from './assignable.js';

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
