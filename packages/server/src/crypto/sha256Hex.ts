// SHA-256 hex digest: how high-entropy secrets (pendingRef, message code, management key) are stored at rest.
import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of a UTF-8 string or bytes. */
export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}
