// Checks a refresh JWT end to end: signature and claims, the server-side session (revoked, rotated, expired), the user.
import { errors, NotpError } from '@notp/core';
import { recordAudit } from '../../audit/recordAudit.js';
import type { ProjectRecord, RefreshSessionRecord, UserRecord } from '../../store/ports.js';
import type { SessionDeps } from './mintSession.js';

// One wire message for every invalid case: the caller never learns which check failed (STYLE.md §4).
const INVALID = 'Invalid refresh token';

/**
 * The live refresh session a refresh JWT names. Throws invalidToken for a missing, malformed, badly signed, expired
 * or unknown token, tokenRevoked for a revoked one. Presenting a rotated-out token is reuse: the whole family is
 * revoked (a thief and the user hold the same login) and the answer is tokenRevoked.
 */
export async function liveRefreshSession(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
): Promise<{ session: RefreshSessionRecord; claims: Record<string, unknown> }> {
  if (!refreshJwt) throw new NotpError(errors.invalidToken, { message: INVALID, detail: 'no refresh token' });
  const claims = await deps.tokens.verify(project.projectId, refreshJwt, 'DSR');
  if (!claims || typeof claims.jti !== 'string') {
    throw new NotpError(errors.invalidToken, { message: INVALID, detail: 'refresh JWT failed verification' });
  }
  const session = await deps.store.sessions.get(claims.jti);
  if (!session || session.projectId !== project.projectId || session.userId !== claims.sub) {
    throw new NotpError(errors.invalidToken, { message: INVALID, detail: 'no refresh session for this jti' });
  }
  const now = deps.clock.now();
  if (session.revokedAt !== null) throw new NotpError(errors.tokenRevoked, { detail: `session ${session.id} revoked` });
  if (session.rotatedAt !== null) {
    const revoked = await deps.store.sessions.revokeFamily(session.familyId, now);
    deps.log.warn(
      { projectId: project.projectId, userId: session.userId, familyId: session.familyId, revoked },
      'rotated-out refresh token reused: revoked its session family',
    );
    await recordAudit(deps, {
      projectId: project.projectId,
      type: 'refresh-reuse',
      userId: session.userId,
      detail: `family revoked (${revoked} sessions)`,
    });
    throw new NotpError(errors.tokenRevoked, { detail: 'rotated-out refresh token reused' });
  }
  if (session.expiresAt <= now) {
    throw new NotpError(errors.invalidToken, { message: INVALID, detail: 'refresh session expired' });
  }
  return { session, claims };
}

/** A live refresh session and its enabled user; throws as `liveRefreshSession`, plus userDisabled. */
export async function authenticateRefresh(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
): Promise<{ session: RefreshSessionRecord; user: UserRecord; claims: Record<string, unknown> }> {
  const { session, claims } = await liveRefreshSession(deps, project, refreshJwt);
  const user = await deps.store.users.get(project.projectId, session.userId);
  if (!user) throw new NotpError(errors.invalidToken, { message: INVALID, detail: 'user of the session is gone' });
  if (user.status === 'disabled') throw new NotpError(errors.userDisabled);
  return { session, user, claims };
}
