// Reads what a session's roles, permissions and tenants claims are computed from: the project's roles and tenants now.
import type { Store } from '../../store/ports.js';
import type { UserRecord } from '../../store/ports.js';

/** Roles and tenants as they are in the store at mint time (so deletions reach the next session, refresh included). */
export interface ResolvedAuthz {
  /** The project's roles (no tenant): name → permission names. */
  projectRoles: ReadonlyMap<string, readonly string[]>;
  /** The user's tenants that exist: tenant id → that tenant's own roles (name → permission names). */
  tenants: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

/** Nothing to look up: the claims of a user who holds no role and is in no tenant are empty whatever the roles are. */
const NO_AUTHZ: ResolvedAuthz = Object.freeze({ projectRoles: new Map(), tenants: new Map() });

/**
 * Two reads (run together): the project roles plus the user's tenants' roles, and which of those tenants exist.
 * None for a user with no role and no tenant (most users of most projects, every first login): one statement fewer.
 */
export async function resolveAuthz(
  store: Pick<Store, 'authz'>,
  user: Pick<UserRecord, 'projectId' | 'roleNames' | 'userTenants'>,
): Promise<ResolvedAuthz> {
  if (user.roleNames.length === 0 && user.userTenants.length === 0) return NO_AUTHZ;
  const tenantIds = user.userTenants.map((t) => t.tenantId);
  const [roles, tenants] = await Promise.all([
    store.authz.listRoles(user.projectId, { tenantIds, includeProjectRoles: true }),
    tenantIds.length > 0 ? store.authz.listTenants(user.projectId, { ids: tenantIds }) : [],
  ]);
  const projectRoles = new Map<string, readonly string[]>();
  const byTenant = new Map<string, Map<string, readonly string[]>>(tenants.map((t) => [t.tenantId, new Map()]));
  for (const role of roles) {
    if (role.tenantId === null) projectRoles.set(role.name, role.permissionNames);
    else byTenant.get(role.tenantId)?.set(role.name, role.permissionNames);
  }
  return { projectRoles, tenants: byTenant };
}
