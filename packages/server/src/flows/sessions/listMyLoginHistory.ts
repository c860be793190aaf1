// GET /v1/auth/me/history: the signed-in user's recent logins, newest first.
import type { UserHistoryResponse } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import type { SessionDeps } from './mintSession.js';

/** How many logins the history answer lists. */
export const HISTORY_LIMIT = 50;

export async function listMyLoginHistory(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
): Promise<UserHistoryResponse[]> {
  const { user } = await authenticateRefresh(deps, project, refreshJwt);
  const entries = await deps.store.loginHistory.list(project.projectId, user.userId, HISTORY_LIMIT);
  return entries.map((e) => ({
    userId: e.userId,
    loginTime: Math.floor(e.loginTime / 1000), // epoch seconds on the wire
    city: e.city,
    country: e.country,
    ip: e.ip,
  }));
}
