// Management authorisation: `Bearer <projectId>:<managementKey>`, checked by SHA-256 hash in constant time; failures limited.
import { createHash, timingSafeEqual } from 'node:crypto';
import { errors, NotpError } from '@notp/core';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { recordAudit } from '../audit/recordAudit.js';
import { countRateLimitFailure, enforceRateLimit, refuseIfRateLimited } from '../rate-limit/enforceRateLimit.js';
import type { ProjectRecord } from '../store/ports.js';
import { clientOf, parseBearer, requireProject } from './auth.js';

/** True when `key` hashes to `expectedHashHex` (SHA-256 hex). */
export function managementKeyMatches(key: string, expectedHashHex: string): boolean {
  return digestMatches(createHash('sha256').update(key, 'utf8').digest(), expectedHashHex);
}

function digestMatches(actual: Buffer, expectedHashHex: string): boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  // constant-time: the management key is a bearer secret; lengths are fixed (32 bytes) unless the record is corrupt
  return expected.length === actual.length && timingSafeEqual(actual, expected);
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
