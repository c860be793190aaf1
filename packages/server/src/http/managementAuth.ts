// Management authorisation for the whole management route family, as one preHandler that sets request.management:
// `Bearer <projectId>:<managementKey>` (checked by SHA-256 hash in constant time; failures limited), or the console's
// session cookie plus its CSRF header (flows/console/consoleSessions.ts).
import { createHash } from 'node:crypto';
import { errors, NotpError } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuditClient, recordAudit } from '../audit/recordAudit.js';
import { digestMatches } from '../crypto/managementKeyMatches.js';
import type { Deps } from '../deps.js';
import { CONSOLE_CSRF_HEADER, consoleCookieName } from '../flows/console/consoleSessionPolicy.js';
import { csrfMatches, resolveConsoleSession } from '../flows/console/consoleSessions.js';
import { countRateLimitFailure, enforceRateLimit, refuseIfRateLimited } from '../rate-limit/enforceRateLimit.js';
import type { ProjectRecord } from '../store/ports.js';
import { clientOf, parseBearer, requireProject } from './auth.js';

export { managementKeyMatches } from '../crypto/managementKeyMatches.js';

/** Who is acting: the management key, or a console session (its admin user; null when opened with the key). */
export type ManagementActor =
  | { kind: 'management-key' }
  | { kind: 'console'; userId: string | null; sessionId: string };

export interface ManagementPrincipal {
  project: ProjectRecord;
  actor: ManagementActor;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the management family's preHandler (registerManagementAuth); null elsewhere and before it runs. */
    management: ManagementPrincipal | null;
  }
}

/**
 * The project of a management request whose key is valid; throws managementKeyInvalid (401) otherwise. Wrong keys are
 * counted per client address (managementFailuresPerIp) and audited; once an address used up its failures, every
 * management call from it is a 429 until the window ends — the right key included, so guessing learns nothing.
 */
export async function requireManagement(deps: Deps, request: FastifyRequest): Promise<ProjectRecord> {
  const client = clientOf(request);
  await refuseIfRateLimited(deps, 'managementFailuresPerIp', client.ip);
  const project = await requireProject(deps, request);
  const key = parseBearer(request.headers.authorization)?.token;
  const digest = key ? createHash('sha256').update(key, 'utf8').digest() : null;
  // Counted per presented key (by hash, never the key): a valid key's budget is not spent by someone else's garbage.
  if (digest) await enforceRateLimit(deps, 'managementPerKey', digest.toString('hex'), project);
  if (!key || !digest || !digestMatches(digest, project.managementKeyHash)) {
    const detail = key ? 'wrong management key' : 'no management key';
    await countRateLimitFailure(deps, 'managementFailuresPerIp', client.ip);
    await recordAudit(deps, {
      projectId: project.projectId,
      type: 'management-auth-failed',
      ...client,
      reason: errors.managementKeyInvalid.code,
      detail: `${request.method} ${request.routeOptions.url ?? ''}: ${detail}`,
    });
    throw new NotpError(errors.managementKeyInvalid, { detail });
  }
  return project;
}

/**
 * A console call: the session cookie, the CSRF header (constant time) and, when the browser sends one, an Origin equal
 * to the server's public origin. Missing/wrong CSRF or a foreign Origin → consoleCsrfInvalid (403); no live session →
 * consoleSessionRequired (401). The project is the session's. Each session has the management key's per-key budget.
 */
async function requireConsole(deps: Deps, request: FastifyRequest, token: string): Promise<ManagementPrincipal> {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== new URL(deps.config.publicUrl).origin) {
    throw new NotpError(errors.consoleCsrfInvalid, { detail: 'foreign Origin' });
  }
  if (!csrfMatches(deps, token, request.headers[CONSOLE_CSRF_HEADER])) {
    throw new NotpError(errors.consoleCsrfInvalid, { detail: 'missing or wrong CSRF header' });
  }
  const { session, project } = await resolveConsoleSession(deps, token);
  await enforceRateLimit(deps, 'managementPerKey', `console:${session.id}`, project);
  return { project, actor: { kind: 'console', userId: session.userId, sessionId: session.id } };
}

/** The console cookie of a request, if any. */
export function consoleTokenOf(deps: Pick<Deps, 'config'>, request: FastifyRequest): string | undefined {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  return cookies[consoleCookieName(deps.config.publicUrl)] || undefined;
}

/**
 * Authorises a management request. An Authorization header always means the management key (today's behaviour, to
 * the error codes); without one, the console cookie is tried; with neither, the key path answers as it always did.
 */
export async function authenticateManagement(deps: Deps, request: FastifyRequest): Promise<ManagementPrincipal> {
  const token = request.headers.authorization === undefined ? consoleTokenOf(deps, request) : undefined;
  if (token !== undefined) return requireConsole(deps, request, token);
  return { project: await requireManagement(deps, request), actor: { kind: 'management-key' } };
}

/** Adds the auth preHandler to a route family's plugin (every route registered in it, and in its children). */
export function registerManagementAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('management', null);
  app.addHook('preHandler', async (request) => {
    request.management = await authenticateManagement(deps, request);
  });
}

/** The principal of a request in the management family (set by its preHandler before any handler runs). */
export function managementOf(request: FastifyRequest): ManagementPrincipal {
  const principal = request.management;
  if (!principal) throw new NotpError(errors.internal, { detail: 'management route outside the management family' });
  return principal;
}

/** The project id of a management request. */
export function managedProjectId(request: FastifyRequest): string {
  return managementOf(request).project.projectId;
}

/** The audit context of a management request: client, and the console admin acting (null for the key). */
export function auditClientOf(request: FastifyRequest): Required<AuditClient> {
  const actor = request.management?.actor;
  return { ...clientOf(request), actorUserId: actor?.kind === 'console' ? actor.userId : null };
}
