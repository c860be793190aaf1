// The claims of a session JWT (CONTRACT.md §6), built from the user and their refresh session.
import type { RefreshSessionRecord, UserRecord } from '../../store/ports.js';

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

/** Session JWT claims without iss/iat/exp (the TokenService adds those). */
export function sessionClaims(
  user: Pick<UserRecord, 'userId' | 'roleNames' | 'userTenants'>,
  session: Pick<RefreshSessionRecord, 'amr' | 'tenantId' | 'customClaims' | 'customClaimsTrusted'>,
): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(session.customClaims)) {
    if (!RESERVED_CLAIMS.has(name)) custom[name] = value;
  }
  // Trusted (set with the auth management key): top level. Untrusted (a browser's start): under nsec, never top level.
  const untrusted = !session.customClaimsTrusted && Object.keys(custom).length > 0;
  const claims: Record<string, unknown> = untrusted ? { [UNTRUSTED_CLAIMS]: custom } : custom;
  const tenants: Record<string, { roles: string[]; permissions: string[] }> = {};
  for (const t of user.userTenants) tenants[t.tenantId] = { roles: [...t.roleNames], permissions: [] };
  claims.sub = user.userId;
  claims.drn = 'DS';
  claims.amr = [...session.amr];
  claims.roles = [...user.roleNames];
  // notp has no role → permission mapping yet; the SDKs read an empty list as "no permissions".
  claims.permissions = [];
  claims.tenants = tenants;
  // dct only for a tenant the user (still) belongs to.
  if (session.tenantId !== null && session.tenantId in tenants) claims.dct = session.tenantId;
  return claims;
}
