// Issues a new session after a login: refresh session record, both JWTs, login history, the JWTResponse.
import type { ProjectRecord, RefreshSessionRecord, UserRecord } from '../../store/ports.js';
import type { IssuedSession } from './IssuedSession.js';
import { mintSession, type SessionDeps } from './mintSession.js';
import { newRefreshSession } from './newRefreshSession.js';

export type { IssuedSession, SessionCookie, SessionCookieOptions } from './IssuedSession.js';

export interface SessionRequest {
  project: ProjectRecord;
  user: UserRecord;
  amr: string[];
  customClaims?: Record<string, unknown>;
  /** True when the custom claims came with the auth management key (top level); else they go under `nsec`. */
  customClaimsTrusted?: boolean;
  tenantId?: string | null;
  familyId?: string;
  firstSeen?: boolean;
  ip?: string;
  userAgent?: string;
}

/** A session whose tokens are signed but not yet stored: `commit` writes it (and the login history). */
export interface PreparedSession {
  issued: IssuedSession;
  session: RefreshSessionRecord;
  commit(): Promise<IssuedSession>;
}

/**
 * Everything that depends on the request's content (claims, signing) and can fail on it, with nothing written yet:
 * pending-session prepares first and consumes the login second, so a bad claim can never cost the user their login.
 * Tokens of a prepared session that is never committed are useless: the refresh JWT's jti has no record.
 */
export async function prepareSession(deps: SessionDeps, p: SessionRequest): Promise<PreparedSession> {
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
    customClaimsTrusted: p.customClaimsTrusted === true,
    ...(p.familyId !== undefined ? { familyId: p.familyId } : {}),
    ...(p.ip !== undefined ? { ip: p.ip } : {}),
    ...(p.userAgent !== undefined ? { userAgent: p.userAgent } : {}),
  });
  const issued = await mintSession(deps, {
    project,
    user,
    session,
    withRefreshJwt: true,
    firstSeen: p.firstSeen ?? false,
  });
  const commit = async (): Promise<IssuedSession> => {
    // Independent writes: side by side (this is on the pending-session hot path).
    await Promise.all([
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
  };
  return { issued, session, commit };
}

export async function issueSession(deps: SessionDeps, p: SessionRequest): Promise<IssuedSession> {
  return (await prepareSession(deps, p)).commit();
}
