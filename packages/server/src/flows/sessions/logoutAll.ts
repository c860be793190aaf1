// POST /v1/auth/logoutall: revokes every refresh session of the token's user.
import { liveRefreshSession } from './authenticateRefresh.js';
import { logoutStep, recordLogout } from './logoutStep.js';

/**
 * No token → nothing to do. A token that is present must name a live session: revoking all of a user's sessions is
 * a privileged act, so a revoked or forged token cannot trigger it (invalidToken / tokenRevoked). A disabled user may.
 */
export const logoutAll = logoutStep(async (deps, project, refreshJwt, client) => {
  const { session } = await liveRefreshSession(deps, project, refreshJwt);
  const revoked = await deps.store.sessions.revokeAllForUser(project.projectId, session.userId, deps.clock.now());
  await recordLogout(
    deps,
    { projectId: project.projectId, type: 'logout-all', userId: session.userId, revoked },
    client,
  );
});
