// Management authorisation: `Bearer <projectId>:<managementKey>`, the key checked by SHA-256 hash in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { errors, NotpError } from '@notp/core';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';
import { parseBearer, requireProject } from './auth.js';

/** True when `key` hashes to `expectedHashHex` (SHA-256 hex). */
export function managementKeyMatches(key: string, expectedHashHex: string): boolean {
  const actual = createHash('sha256').update(key, 'utf8').digest();
  const expected = Buffer.from(expectedHashHex, 'hex');
  // constant-time: the management key is a bearer secret; lengths are fixed (32 bytes) unless the record is corrupt
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

/** The project of a management request whose key is valid; throws managementKeyInvalid (401) otherwise. */
export async function requireManagement(deps: Deps, request: FastifyRequest): Promise<ProjectRecord> {
  const project = await requireProject(deps, request);
  const key = parseBearer(request.headers.authorization)?.token;
  if (!key || !managementKeyMatches(key, project.managementKeyHash)) {
    throw new NotpError(errors.managementKeyInvalid, { detail: key ? 'wrong management key' : 'no management key' });
  }
  return project;
}
