// Issues a new session after a login: refresh session record, both JWTs, login history, the JWTResponse.
import type { ProjectRecord, UserRecord } from '../../store/ports.js';
import type { IssuedSession } from './IssuedSession.js';
import { mintSession, type SessionDeps } from './mintSession.js';
import { newRefreshSession } from './newRefreshSession.js';

export type { IssuedSession, SessionCookie, SessionCookieOptions } from './IssuedSession.js';

export async function issueSession(
  deps: SessionDeps,
  p: {
    project: ProjectRecord;
    user: UserRecord;
    amr: string[];
    customClaims?: Record<string, unknown>;
    tenantId?: string | null;
    familyId?: string;
    firstSeen?: boolean;
    ip?: string;
    userAgent?: string;
  },
): Promise<IssuedSession> {
  const { project, user } = p;
  // A tenant the user is not a member of is dropped, not trusted: the request is client input.
  const tenantId = p.tenantId && user.userTenants.some((t) => t.tenantId === p.tenantId) ? p.tenantId : null;
  if (p.tenantId && !tenantId) {
    deps.log.info({ userId: user.userId, tenantId: p.tenantId }, 'login asked for a tenant the user is not in');
  }
  const session = newRefreshSession(deps, {
    project,
    userId: user.userId,
    amr: p.amr,
    tenantId,
    customClaims: p.customClaims ?? {},
    ...(p.familyId !== undefined ? { familyId: p.familyId } : {}),
    ...(p.ip !== undefined ? { ip: p.ip } : {}),
    ...(p.userAgent !== undefined ? { userAgent: p.userAgent } : {}),
  });
  // Store writes and signing are independent: run them together (this is on the pending-session hot path).
  const [issued] = await Promise.all([
    mintSession(deps, { project, user, session, withRefreshJwt: true, firstSeen: p.firstSeen ?? false }),
    deps.store.sessions.create(session),
    deps.store.loginHistory.add({
      projectId: project.projectId,
      userId: user.userId,
      loginTime: session.createdAt,
      ip: p.ip ?? '',
      city: '',
      country: '',
    }),
  ]);
  return issued;
}
