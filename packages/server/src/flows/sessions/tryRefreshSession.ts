// POST /v1/auth/try-refresh: like refresh, but "no usable token" is an answer (null → `200 {}`), not an error.
import { errors, isNotpError } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import type { IssuedSession } from './IssuedSession.js';
import type { SessionDeps } from './mintSession.js';
import { refreshSession } from './refreshSession.js';

const NO_SESSION_CODES: ReadonlySet<string> = new Set([
  errors.invalidToken.code,
  errors.tokenRevoked.code,
  errors.userDisabled.code,
]);

export async function tryRefreshSession(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  client: { ip?: string; userAgent?: string } = {},
): Promise<IssuedSession | null> {
  if (!refreshJwt) return null;
  try {
    return await refreshSession(deps, project, refreshJwt, client);
  } catch (e) {
    if (isNotpError(e) && NO_SESSION_CODES.has(e.code)) return null;
    throw e;
  }
}
