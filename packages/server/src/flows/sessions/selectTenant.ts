// POST /v1/auth/tenant/select: a session whose JWTs carry `dct` = the chosen tenant (one the user belongs to).
import { errors, NotpError } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import type { IssuedSession } from './IssuedSession.js';
import { mintSession, type SessionDeps } from './mintSession.js';
import { newRefreshSession } from './newRefreshSession.js';

/**
 * The current tenant lives on the refresh session (so refreshes keep it), hence a new refresh session in the same
 * family: with rotation on it replaces the old one (rotate); without, the old one stays valid until logout or expiry.
 */
export async function selectTenant(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  tenantId: string,
  client: { ip?: string; userAgent?: string } = {},
): Promise<IssuedSession> {
  const { session, user } = await authenticateRefresh(deps, project, refreshJwt);
  if (!user.userTenants.some((t) => t.tenantId === tenantId)) {
    throw new NotpError(errors.invalidArguments, { message: 'The user is not a member of this tenant' });
  }
  const next = newRefreshSession(deps, {
    project,
    userId: user.userId,
    amr: session.amr,
    tenantId,
    customClaims: session.customClaims,
    customClaimsTrusted: session.customClaimsTrusted,
    familyId: session.familyId,
    ...client,
  });
  if (project.settings.refreshRotation) {
    if (!(await deps.store.sessions.rotate(session.id, next, deps.clock.now()))) {
      await deps.store.sessions.revokeFamily(session.familyId, deps.clock.now());
      throw new NotpError(errors.tokenRevoked, { detail: 'refresh token rotated concurrently: family revoked' });
    }
  } else {
    await deps.store.sessions.create(next);
  }
  return mintSession(deps, { project, user, session: next, withRefreshJwt: true });
}
