// POST /v1/auth/logoutall: revokes every refresh session of the token's user.
import { recordAudit } from '../../audit/recordAudit.js';
import type { ProjectRecord } from '../../store/ports.js';
import { liveRefreshSession } from './authenticateRefresh.js';
import type { SessionDeps } from './mintSession.js';

/**
 * No token → nothing to do. A token that is present must name a live session: revoking all of a user's sessions is
 * a privileged act, so a revoked or forged token cannot trigger it (invalidToken / tokenRevoked). A disabled user may.
 */
export async function logoutAll(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  client: { ip?: string; userAgent?: string } = {},
): Promise<void> {
  if (!refreshJwt) return;
  const { session } = await liveRefreshSession(deps, project, refreshJwt);
  const revoked = await deps.store.sessions.revokeAllForUser(project.projectId, session.userId, deps.clock.now());
  await recordAudit(deps, {
    projectId: project.projectId,
    type: 'logout-all',
    userId: session.userId,
    ...client,
    detail: `${revoked} sessions`,
  });
}
