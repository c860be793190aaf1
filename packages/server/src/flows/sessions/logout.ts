// POST /v1/auth/logout: ends the login the refresh JWT belongs to (its whole rotation family); idempotent.
import { logoutStep, recordLogout } from './logoutStep.js';

/**
 * Revokes the session family of a validly signed refresh JWT. No token, a bad token or an already revoked session
 * all end the same way (nothing left to revoke), so they are not errors: logout always succeeds.
 */
export const logout = logoutStep(async (deps, project, refreshJwt, client) => {
  const claims = await deps.tokens.verify(project.projectId, refreshJwt, 'DSR');
  if (!claims || typeof claims.jti !== 'string') return;
  const session = await deps.store.sessions.get(claims.jti);
  if (!session || session.projectId !== project.projectId || session.userId !== claims.sub) return;
  const revoked = await deps.store.sessions.revokeFamily(session.familyId, deps.clock.now());
  if (session.revokedAt === null) {
    await recordLogout(deps, { projectId: project.projectId, type: 'logout', userId: session.userId, revoked }, client);
  }
});
