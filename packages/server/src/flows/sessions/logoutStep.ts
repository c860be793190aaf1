// What logout.ts and logoutAll.ts share: the signature the sessions route calls, the no-token case, the audit event.
import { recordAudit } from '../../audit/recordAudit.js';
import type { ProjectRecord } from '../../store/ports.js';
import type { SessionDeps } from './mintSession.js';

/** Who asked for a logout, as the sessions route passes it. */
export type LogoutClient = { ip?: string; userAgent?: string };

/** A logout as the route calls it: no refresh token → nothing to do, and no error. */
export type LogoutStep = (
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  client?: LogoutClient,
) => Promise<void>;

/** Wraps the part of a logout that runs once a refresh token is present. */
export function logoutStep(
  withToken: (deps: SessionDeps, project: ProjectRecord, refreshJwt: string, client: LogoutClient) => Promise<void>,
): LogoutStep {
  return async (deps, project, refreshJwt, client = {}) => {
    if (!refreshJwt) return;
    await withToken(deps, project, refreshJwt, client);
  };
}

/** Records a `logout` or `logout-all` event of `userId` with the number of sessions revoked. */
export function recordLogout(
  deps: SessionDeps,
  event: { projectId: string; type: 'logout' | 'logout-all'; userId: string; revoked: number },
  client: LogoutClient,
): Promise<void> {
  const { revoked, ...fields } = event;
  return recordAudit(deps, { ...fields, ...client, detail: `${revoked} sessions` });
}
