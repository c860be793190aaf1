// Management: a user's refresh sessions (listing) and revoking one login (its rotation family).
import { errors, NotpError } from '@notp/core';
import { type AuditClient, recordAudit } from '../../audit/recordAudit.js';
import type { Deps } from '../../deps.js';
import type { RefreshSessionRecord } from '../../store/ports.js';
import { findUser, type UserRef } from './findUser.js';

/** One refresh session as the management API shows it (times epoch ms; never a token). */
export interface ManagedSession {
  sessionId: string;
  userId: string;
  familyId: string;
  amr: string[];
  tenantId: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  rotatedAt: number | null;
  /** Not revoked, not rotated out, not expired: a refresh JWT for it still works. */
  live: boolean;
  ip: string;
  userAgent: string;
}

function managedSession(s: RefreshSessionRecord, now: number): ManagedSession {
  return {
    sessionId: s.id,
    userId: s.userId,
    familyId: s.familyId,
    amr: s.amr,
    tenantId: s.tenantId,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    revokedAt: s.revokedAt,
    rotatedAt: s.rotatedAt,
    live: s.revokedAt === null && s.rotatedAt === null && s.expiresAt > now,
    ip: s.ip ?? '',
    userAgent: s.userAgent ?? '',
  };
}

/** The user's sessions, newest first; throws mgmtUserNotFound for an unknown user. */
export async function listUserSessions(deps: Deps, projectId: string, ref: UserRef): Promise<ManagedSession[]> {
  const user = await findUser(deps, projectId, ref);
  const now = deps.clock.now();
  const sessions = await deps.store.sessions.listForUser(projectId, user.userId);
  return sessions.sort((a, b) => b.createdAt - a.createdAt).map((s) => managedSession(s, now));
}

/**
 * Revokes the login a session belongs to: its whole rotation family (as logout does), so the current refresh JWT of
 * that login stops working whichever of its sessions was named. Unknown ids (or another project's) → invalidArguments.
 */
export async function revokeUserSession(
  deps: Deps,
  projectId: string,
  sessionId: string,
  client: AuditClient = {},
): Promise<{ revoked: number }> {
  const session = await deps.store.sessions.get(sessionId);
  if (!session || session.projectId !== projectId) {
    throw new NotpError(errors.invalidArguments, { message: 'Unknown session id' });
  }
  const revoked = await deps.store.sessions.revokeFamily(session.familyId, deps.clock.now());
  await recordAudit(deps, {
    projectId,
    type: 'session-revoked',
    userId: session.userId,
    ...client,
    detail: `session family ${session.familyId} (${revoked} sessions)`,
  });
  return { revoked };
}
