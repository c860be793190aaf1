// SHA-256 hex digest: how high-entropy secrets (pendingRef, message code, management key) are stored at rest.
import { hash } from 'node:crypto';

/**
 * Lower-case hex SHA-256 of a UTF-8 string or bytes. One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object
 * that `createHash().update().digest()` builds: about 1 µs instead of 3 on a start's two hashes.
 */
export function sha256Hex(input: string | Buffer): string {
  return hash('sha256', input, 'hex');
}
