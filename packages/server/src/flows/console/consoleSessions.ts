// Console sessions: open one (opaque cookie token, only its SHA-256 stored), resolve a cookie, CSRF token, log out.
import { createHmac } from 'node:crypto';
import { errors, NotpError } from '@notp/core';
import { recordAudit } from '../../audit/recordAudit.js';
import { safeEqual } from '../../crypto/safeEqual.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { Deps } from '../../deps.js';
import { BUILTIN_ROLE_NAME } from '../../store/authzPorts.js';
import type { ConsoleSessionRecord } from '../../store/consolePorts.js';
import type { ProjectRecord, UserRecord } from '../../store/ports.js';
import {
  CONSOLE_ABSOLUTE_LIFETIME_MS,
  CONSOLE_IDLE_TIMEOUT_MS,
  CONSOLE_TOUCH_EVERY_MS,
} from './consoleSessionPolicy.js';

export type ConsoleDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'masterKey' | 'log'>;

/** What the console is told about its session (`ConsoleSession` in docs/console.md). */
export interface ConsoleSessionView {
  projectId: string;
  projectName: string;
  admin: { kind: 'user'; userId: string; name?: string; loginId: string } | { kind: 'management-key' };
  csrfToken: string;
  idleTimeoutSec: number;
  /** Epoch ms: the absolute end of the session. */
  expiresAt: number;
}

/** A resolved session: the record, its project, its admin user (null for the management key) and the cookie token. */
export interface ActiveConsoleSession {
  session: ConsoleSessionRecord;
  project: ProjectRecord;
  user: UserRecord | null;
  token: string;
}

/** Audit context of a request: client address and agent. */
export interface ConsoleClient {
  ip: string;
  userAgent: string;
}

/**
 * The CSRF token of a session: an HMAC of its cookie token under a key derived from the master key. Nothing more is
 * stored, a page reload can ask for it again (GET /console/api/session), and a cross-site page can never learn it.
 */
export function csrfTokenOf(deps: Pick<Deps, 'masterKey'>, token: string): string {
  return createHmac('sha256', deps.masterKey).update(`notp console csrf\0${token}`).digest('base64url');
}

/** Constant-time check of the header against the session's CSRF token. */
export function csrfMatches(deps: Pick<Deps, 'masterKey'>, token: string, header: unknown): boolean {
  return typeof header === 'string' && safeEqual(csrfTokenOf(deps, token), header);
}

/** True when the user may hold a console session: enabled and holding the project-level built-in role now. */
export function isConsoleAdmin(user: UserRecord | null): user is UserRecord {
  return user !== null && user.status === 'enabled' && user.roleNames.includes(BUILTIN_ROLE_NAME);
}

/** Opens a session for an admin user (or the management key: user null); returns the cookie token and the view. */
export async function openConsoleSession(
  deps: ConsoleDeps,
  project: ProjectRecord,
  user: UserRecord | null,
  client: ConsoleClient,
): Promise<{ token: string; view: ConsoleSessionView }> {
  const now = deps.clock.now();
  const token = deps.random.bytes(32).toString('base64url');
  const session: ConsoleSessionRecord = {
    id: deps.random.bytes(12).toString('base64url'),
    tokenHash: sha256Hex(token),
    projectId: project.projectId,
    userId: user?.userId ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + CONSOLE_ABSOLUTE_LIFETIME_MS,
  };
  await deps.store.consoleSessions.create(session);
  await recordAudit(deps, {
    projectId: project.projectId,
    type: 'console-login',
    userId: session.userId,
    actorUserId: session.userId,
    ...client,
    detail: `console session ${session.id} (${user ? 'user' : 'management key'})`,
  });
  return { token, view: consoleSessionView(deps, { session, project, user, token }) };
}

export function consoleSessionView(deps: Pick<Deps, 'masterKey'>, active: ActiveConsoleSession): ConsoleSessionView {
  const { session, project, user, token } = active;
  const admin: ConsoleSessionView['admin'] = user
    ? {
        kind: 'user',
        userId: user.userId,
        loginId: user.loginIds[0] ?? user.userId,
        ...(user.name ? { name: user.name } : {}),
      }
    : { kind: 'management-key' };
  return {
    projectId: project.projectId,
    projectName: project.name,
    admin,
    csrfToken: csrfTokenOf(deps, token),
    idleTimeoutSec: CONSOLE_IDLE_TIMEOUT_MS / 1000,
    expiresAt: session.expiresAt,
  };
}

/**
 * The live session of a cookie token, or a throw: consoleSessionRequired (401) when there is none, it ended (idle
 * 30 min, 12 h after sign-in) or its project is gone; consoleNotAdmin (403) when its admin lost the role or was
 * disabled (their console sessions are then deleted). Moves lastSeenAt forward, at most once a minute.
 */
export async function resolveConsoleSession(
  deps: ConsoleDeps,
  token: string | undefined,
): Promise<ActiveConsoleSession> {
  if (!token || token.length > 128) throw new NotpError(errors.consoleSessionRequired, { detail: 'no console cookie' });
  const session = await deps.store.consoleSessions.findByTokenHash(sha256Hex(token));
  if (!session) throw new NotpError(errors.consoleSessionRequired, { detail: 'unknown console session' });
  const now = deps.clock.now();
  if (now >= session.expiresAt || now - session.lastSeenAt >= CONSOLE_IDLE_TIMEOUT_MS) {
    await deps.store.consoleSessions.delete(session.id);
    throw new NotpError(errors.consoleSessionRequired, { detail: 'console session ended' });
  }
  const project = await deps.store.projects.get(session.projectId);
  if (!project) throw new NotpError(errors.consoleSessionRequired, { detail: 'project gone' });
  let user: UserRecord | null = null;
  if (session.userId !== null) {
    // Checked on every request: a revoked role or a disabled user stops the console at once.
    const found = await deps.store.users.get(session.projectId, session.userId);
    if (!isConsoleAdmin(found)) {
      // Every console session of that user ends, not only this one.
      await deps.store.consoleSessions.deleteForUser(session.projectId, session.userId);
      throw new NotpError(errors.consoleNotAdmin, { detail: 'console admin lost the role or was disabled' });
    }
    user = found;
  }
  if (now - session.lastSeenAt >= CONSOLE_TOUCH_EVERY_MS) {
    await deps.store.consoleSessions.touch(session.id, now);
    session.lastSeenAt = now;
  }
  return { session, project, user, token };
}

/** Logs a session out: deletes it in the store and audits it. Unknown tokens are a no-op. */
export async function logoutConsoleSession(deps: ConsoleDeps, token: string, client: ConsoleClient): Promise<void> {
  const session = await deps.store.consoleSessions.findByTokenHash(sha256Hex(token));
  if (!session || !(await deps.store.consoleSessions.delete(session.id))) return;
  await recordAudit(deps, {
    projectId: session.projectId,
    type: 'console-logout',
    userId: session.userId,
    actorUserId: session.userId,
    ...client,
    detail: `console session ${session.id}`,
  });
}
