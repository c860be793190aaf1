// Management authorisation: `Bearer <projectId>:<managementKey>`, the key checked by SHA-256 hash in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { errors, NotpError } from '@notp/core';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { enforceRateLimit } from '../rate-limit/enforceRateLimit.js';
import type { ProjectRecord } from '../store/ports.js';
import { parseBearer, requireProject } from './auth.js';

/** True when `key` hashes to `expectedHashHex` (SHA-256 hex). */
export function managementKeyMatches(key: string, expectedHashHex: string): boolean {
  return digestMatches(createHash('sha256').update(key, 'utf8').digest(), expectedHashHex);
}

function digestMatches(actual: Buffer, expectedHashHex: string): boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  // constant-time: the management key is a bearer secret; lengths are fixed (32 bytes) unless the record is corrupt
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** The project of a management request whose key is valid; throws managementKeyInvalid (401) otherwise. */
export async function requireManagement(deps: Deps, request: FastifyRequest): Promise<ProjectRecord> {
  const project = await requireProject(deps, request);
  const key = parseBearer(request.headers.authorization)?.token;
  const digest = key ? createHash('sha256').update(key, 'utf8').digest() : null;
  // Counted per presented key (by hash, never the key): a valid key's budget is not spent by someone else's garbage.
  if (digest) await enforceRateLimit(deps, 'managementPerKey', digest.toString('hex'), project);
  if (!key || !digest || !digestMatches(digest, project.managementKeyHash)) {
    throw new NotpError(errors.managementKeyInvalid, { detail: key ? 'wrong management key' : 'no management key' });
  }
  return project;
}
