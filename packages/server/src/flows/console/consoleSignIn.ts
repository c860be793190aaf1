// Console sign-in: with a session JWT of the project (its user must be a console admin now), or with the management key.
import { errors, NotpError } from '@notp/core';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Deps } from '../../deps.js';
import { managementKeyMatches } from '../../crypto/managementKeyMatches.js';
import { countRateLimitFailure, refuseIfRateLimited } from '../../rate-limit/enforceRateLimit.js';
import type { ProjectRecord } from '../../store/ports.js';
import { type ConsoleClient, type ConsoleSessionView, isConsoleAdmin, openConsoleSession } from './consoleSessions.js';

type SignInDeps = Pick<Deps, 'store' | 'clock' | 'random' | 'masterKey' | 'log' | 'tokens' | 'config' | 'rateLimiter'>;

export interface ConsoleSignIn {
  token: string;
  view: ConsoleSessionView;
}

async function projectOf(deps: Pick<Deps, 'store'>, projectId: string): Promise<ProjectRecord> {
  const project = await deps.store.projects.get(projectId);
  if (!project) throw new NotpError(errors.projectUnknown, { detail: `unknown project ${projectId}` });
  return project;
}

/**
 * A session JWT (from an nOTP sign-in in the console page) for a console session. The JWT must verify with the
 * project's published keys (signature, iss, exp), and its user must — in the store, now, not by the claim — be
 * enabled and hold the project-level `console-admin` role. Anything else: consoleNotAdmin (403), audited.
 */
export async function signInWithSessionJwt(
  deps: SignInDeps,
  input: { projectId: string; sessionJwt: string },
  client: ConsoleClient,
): Promise<ConsoleSignIn> {
  const project = await projectOf(deps, input.projectId);
  const claims = await deps.tokens.verify(project.projectId, input.sessionJwt, 'DS');
  const userId = typeof claims?.sub === 'string' ? claims.sub : null;
  const user = userId ? await deps.store.users.get(project.projectId, userId) : null;
  const why = !claims
    ? 'invalid session JWT'
    : !user
      ? 'unknown user'
      : user.status !== 'enabled'
        ? 'user not enabled'
        : 'no console-admin role';
  if (!isConsoleAdmin(user)) {
    await recordAudit(deps, {
      projectId: project.projectId,
      type: 'console-login-refused',
      userId,
      ...client,
      reason: errors.consoleNotAdmin.code,
      detail: why,
    });
    throw new NotpError(errors.consoleNotAdmin, { detail: why });
  }
  return openConsoleSession(deps, project, user, client);
}

/**
 * The management key for a console session (automation, first setup). Wrong keys answer managementKeyInvalid (401)
 * and count against managementFailuresPerIp, exactly like the management API (http/managementAuth.ts).
 */
export async function signInWithManagementKey(
  deps: SignInDeps,
  input: { projectId: string; managementKey: string },
  client: ConsoleClient,
): Promise<ConsoleSignIn> {
  await refuseIfRateLimited(deps, 'managementFailuresPerIp', client.ip);
  const project = await projectOf(deps, input.projectId);
  if (!managementKeyMatches(input.managementKey, project.managementKeyHash)) {
    await countRateLimitFailure(deps, 'managementFailuresPerIp', client.ip);
    await recordAudit(deps, {
      projectId: project.projectId,
      type: 'management-auth-failed',
      ...client,
      reason: errors.managementKeyInvalid.code,
      detail: 'console sign-in: wrong management key',
    });
    throw new NotpError(errors.managementKeyInvalid, { detail: 'wrong management key' });
  }
  return openConsoleSession(deps, project, null, client);
}
