// The pendingRef: the app's bearer secret for one pending login (32 random bytes, base64url), stored only as a hash.
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { Random } from '../../ports.js';

/** 32 bytes = 256 bits (DESIGN.md: ≥ 128 bits); base64url so it travels in JSON and headers untouched. */
export function newPendingRef(random: Random): string {
  return random.bytes(32).toString('base64url');
}

/**
 * SHA-256 hex of a pendingRef: the store's lookup key. Looking up by hash is itself the comparison, so no timing side
 * channel reveals the ref, and a leaked database row cannot be replayed as a ref.
 */
export function hashPendingRef(pendingRef: string): string {
  return sha256Hex(pendingRef);
}
