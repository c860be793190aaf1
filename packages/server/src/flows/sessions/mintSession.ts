// Signs the JWTs for one refresh session and builds the JWTResponse (body fields, or DS/DSR cookies).
import { REFRESH_COOKIE_NAME, SESSION_COOKIE_NAME, type JWTResponse, type SessionClaims } from '@notp/core';
import type { Deps } from '../../deps.js';
import type { ProjectRecord, RefreshSessionRecord, UserRecord } from '../../store/ports.js';
import { toUserResponse } from '../../users/wire.js';
import type { IssuedSession, SessionCookie } from './IssuedSession.js';
import { resolveAuthz } from './resolveAuthz.js';
import { sessionClaims } from './sessionClaims.js';

export type SessionDeps = Pick<Deps, 'config' | 'store' | 'tokens' | 'clock' | 'random' | 'log'>;

export async function mintSession(
  deps: SessionDeps,
  p: {
    project: ProjectRecord;
    user: UserRecord;
    session: RefreshSessionRecord;
    /** Sign and send a refresh JWT for `session` (new sessions, rotation); otherwise the client keeps its own. */
    withRefreshJwt: boolean;
    firstSeen?: boolean;
  },
): Promise<IssuedSession> {
  const { project, user, session } = p;
  const nowSec = Math.floor(deps.clock.now() / 1000);
  const refreshExp = Math.floor(session.expiresAt / 1000);
  const refreshLeftSec = Math.max(1, refreshExp - nowSec);
  // A session JWT never outlives the refresh session that backs it.
  const sessionTtlSec = Math.min(project.settings.sessionTtlSec, refreshLeftSec);

  // Roles and permissions are read now, so a deleted role or permission is gone from the next session and refresh.
  const authz = await resolveAuthz(deps.store, user);
  const [sessionToken, refreshToken] = await Promise.all([
    deps.tokens.sign(project.projectId, sessionClaims(user, session, authz), sessionTtlSec),
    p.withRefreshJwt
      ? deps.tokens.sign(project.projectId, { sub: user.userId, drn: 'DSR', jti: session.id }, refreshLeftSec)
      : null,
  ]);

  // Cookie delivery: the tokens travel only as cookies ('' marks "not in the body", as the type needs a string);
  // the body keeps the metadata the web SDK needs (expirations, claims, user).
  const inBody = project.settings.tokenDelivery !== 'cookies';
  const response: JWTResponse = {
    sessionJwt: inBody ? sessionToken.jwt : '',
    cookieDomain: project.settings.cookieDomain,
    cookiePath: '/',
    cookieMaxAge: refreshLeftSec,
    cookieExpiration: refreshExp,
    sessionExpiration: sessionToken.exp,
    claims: sessionToken.claims as SessionClaims,
    user: toUserResponse(user),
  };
  if (refreshToken && inBody) response.refreshJwt = refreshToken.jwt;
  if (p.firstSeen !== undefined) response.firstSeen = p.firstSeen;
  if (inBody) return { response, cookies: [] };

  const secure = deps.config.publicUrl.startsWith('https:');
  const domain = project.settings.cookieDomain || undefined;
  const common = { secure, sameSite: 'strict' as const, path: '/', ...(domain ? { domain } : {}) };
  const cookies: SessionCookie[] = [
    // DS stays readable by the page (the web SDK reads it); DSR never is.
    { name: SESSION_COOKIE_NAME, value: sessionToken.jwt, options: { ...common, maxAge: sessionTtlSec } },
  ];
  if (refreshToken) {
    cookies.push({
      name: REFRESH_COOKIE_NAME,
      value: refreshToken.jwt,
      options: { ...common, httpOnly: true, maxAge: refreshLeftSec },
    });
  }
  return { response, cookies };
}
