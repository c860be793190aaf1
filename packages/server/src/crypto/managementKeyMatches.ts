// The management key check: SHA-256 of the presented key against the stored hash, in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when `key` hashes to `expectedHashHex` (SHA-256 hex). */
export function managementKeyMatches(key: string, expectedHashHex: string): boolean {
  return digestMatches(createHash('sha256').update(key, 'utf8').digest(), expectedHashHex);
}

/** True when the SHA-256 digest `actual` equals `expectedHashHex`. */
export function digestMatches(actual: Buffer, expectedHashHex: string): boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  // constant-time: the management key is a bearer secret; lengths are fixed (32 bytes) unless the record is corrupt
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
