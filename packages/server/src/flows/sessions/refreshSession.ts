// POST /v1/auth/refresh: a new session JWT for a live refresh session; with rotation, a new refresh JWT too.
import { errors, NotpError } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import type { IssuedSession } from './IssuedSession.js';
import { mintSession, type SessionDeps } from './mintSession.js';
import { newRefreshSession } from './newRefreshSession.js';

export async function refreshSession(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  client: { ip?: string; userAgent?: string } = {},
): Promise<IssuedSession> {
  const { session, user } = await authenticateRefresh(deps, project, refreshJwt);
  if (!project.settings.refreshRotation) {
    return mintSession(deps, { project, user, session, withRefreshJwt: false });
  }
  const next = newRefreshSession(deps, {
    project,
    userId: user.userId,
    amr: session.amr,
    tenantId: session.tenantId,
    customClaims: session.customClaims,
    familyId: session.familyId,
    ...client,
  });
  if (!(await deps.store.sessions.rotate(session.id, next, deps.clock.now()))) {
    // Someone rotated this token between our read and now: the same token used twice counts as reuse.
    await deps.store.sessions.revokeFamily(session.familyId, deps.clock.now());
    throw new NotpError(errors.tokenRevoked, { detail: 'refresh token rotated concurrently: family revoked' });
  }
  return mintSession(deps, { project, user, session: next, withRefreshJwt: true });
}
