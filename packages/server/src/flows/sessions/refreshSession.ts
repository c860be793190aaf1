// POST /v1/auth/refresh: a new session JWT for a live refresh session; with rotation, a new refresh JWT too.
import { errors, NotpError } from '@notp/core';
import { recordAudit } from '../../audit/recordAudit.js';
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
  const audited = recordAudit(deps, {
    projectId: project.projectId,
    type: 'refresh',
    userId: user.userId,
    ...client,
    detail: project.settings.refreshRotation ? 'rotated' : '',
  });
  if (!project.settings.refreshRotation) {
    const [issued] = await Promise.all([mintSession(deps, { project, user, session, withRefreshJwt: false }), audited]);
    return issued;
  }
  const next = newRefreshSession(deps, {
    project,
    userId: user.userId,
    amr: session.amr,
    tenantId: session.tenantId,
    customClaims: session.customClaims,
    customClaimsTrusted: session.customClaimsTrusted,
    familyId: session.familyId,
    ...client,
  });
  if (!(await deps.store.sessions.rotate(session.id, next, deps.clock.now()))) {
    // Someone rotated this token between our read and now: the same token used twice counts as reuse.
    await deps.store.sessions.revokeFamily(session.familyId, deps.clock.now());
    await audited;
    await recordAudit(deps, {
      projectId: project.projectId,
      type: 'refresh-reuse',
      userId: user.userId,
      ...client,
      detail: 'rotated concurrently: family revoked',
    });
    throw new NotpError(errors.tokenRevoked, { detail: 'refresh token rotated concurrently: family revoked' });
  }
  const [issued] = await Promise.all([
    mintSession(deps, { project, user, session: next, withRefreshJwt: true }),
    audited,
  ]);
  return issued;
}
