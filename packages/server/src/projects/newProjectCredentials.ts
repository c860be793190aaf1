// A new project's id and management key: random, in the contract's shapes (used by the first start and the CLI).
import { randomAlphanumeric } from '../crypto/randomAlphanumeric.js';
import type { Random } from '../ports.js';

/** `P` + 27 alphanumerics: the contract's project id shape (longer ids make the SDKs derive a region). */
export function newProjectId(random: Random): string {
  return `P${randomAlphanumeric(random, 27)}`;
}

/** 256 random bits, base64url: no ':' (the bearer is split on ':'). */
export function newManagementKey(random: Random): string {
  return random.bytes(32).toString('base64url');
}
