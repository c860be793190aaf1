// The claims of a session JWT (CONTRACT.md §6), built from the user, their refresh session and the project's roles.
import type { RefreshSessionRecord, UserRecord } from '../../store/ports.js';
import type { ResolvedAuthz } from './resolveAuthz.js';

/**
 * Claims custom claims may never set: the JWT's own (iss, sub, exp, …) and the authorisation claims (roles,
 * permissions, tenants, dct), because custom claims can come from the login request and must not grant access.
 */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'drn',
  'amr',
  'roles',
  'permissions',
  'tenants',
  'dct',
]);

/** Where untrusted custom claims (a start without the auth management key) go, as the hosted service does. */
export const UNTRUSTED_CLAIMS = 'nsec';

/**
 * The roles of `held` that exist (in `scopes`, first match wins), and the union of their permissions, in order.
 * A role or permission deleted since it was assigned is simply absent.
 */
function grant(
  held: readonly string[],
  scopes: ReadonlyArray<ReadonlyMap<string, readonly string[]>>,
): { roles: string[]; permissions: string[] } {
  const roles: string[] = [];
  const permissions = new Set<string>();
  for (const name of held) {
    const perms = scopes.find((scope) => scope.has(name))?.get(name);
    if (!perms || roles.includes(name)) continue;
    roles.push(name);
    for (const p of perms) permissions.add(p);
  }
  return { roles, permissions: [...permissions] };
}

/** Session JWT claims without iss/iat/exp (the TokenService adds those); `authz` from resolveAuthz at mint time. */
export function sessionClaims(
  user: Pick<UserRecord, 'userId' | 'roleNames' | 'userTenants'>,
  session: Pick<RefreshSessionRecord, 'amr' | 'tenantId' | 'customClaims' | 'customClaimsTrusted'>,
  authz: ResolvedAuthz,
): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(session.customClaims)) {
    if (!RESERVED_CLAIMS.has(name)) custom[name] = value;
  }
  // Trusted (set with the auth management key): top level. Untrusted (a browser's start): under nsec, never top level.
  const untrusted = !session.customClaimsTrusted && Object.keys(custom).length > 0;
  const claims: Record<string, unknown> = untrusted ? { [UNTRUSTED_CLAIMS]: custom } : custom;
  // Per tenant (that still exists): its own roles first, then project roles assigned in that tenant.
  const tenants: Record<string, { roles: string[]; permissions: string[] }> = {};
  for (const t of user.userTenants) {
    const own = authz.tenants.get(t.tenantId);
    if (own) tenants[t.tenantId] = grant(t.roleNames, [own, authz.projectRoles]);
  }
  claims.sub = user.userId;
  claims.drn = 'DS';
  claims.amr = [...session.amr];
  const project = grant(user.roleNames, [authz.projectRoles]);
  claims.roles = project.roles;
  claims.permissions = project.permissions;
  claims.tenants = tenants;
  // dct only for a tenant the user (still) belongs to.
  if (session.tenantId !== null && session.tenantId in tenants) claims.dct = session.tenantId;
  return claims;
}
