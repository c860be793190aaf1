// Management: a user's recent logins (the login history the sessions flow records), newest first.
import type { Deps } from '../../deps.js';

export const LOGIN_HISTORY_DEFAULT_LIMIT = 50;
export const LOGIN_HISTORY_MAX_LIMIT = 1000;

export interface LoginView {
  userId: string;
  /** Epoch ms. */
  at: number;
  ip: string;
  city: string;
  country: string;
}

/** At most `limit` (absent or 0: 50; at most 1000) of the user's logins, newest first; none for an unknown user. */
export async function listLoginHistory(
  deps: Pick<Deps, 'store'>,
  projectId: string,
  userId: string,
  limit?: number,
): Promise<{ logins: LoginView[] }> {
  const asked = Math.trunc(limit ?? 0);
  const n = asked <= 0 ? LOGIN_HISTORY_DEFAULT_LIMIT : Math.min(asked, LOGIN_HISTORY_MAX_LIMIT);
  const rows = await deps.store.loginHistory.list(projectId, userId, n);
  return {
    logins: rows.map((r) => ({ userId: r.userId, at: r.loginTime, ip: r.ip, city: r.city, country: r.country })),
  };
}
