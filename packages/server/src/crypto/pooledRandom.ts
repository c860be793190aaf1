// Secure random bytes drawn from a pool filled by one CSPRNG call, as Node's own crypto.randomUUID does: a start
// draws three small secrets (code, pendingRef, row id), and each separate randomBytes() call costs a native round
// trip (≈3 µs here) that dwarfs the bytes themselves.
import { randomBytes, randomFillSync } from 'node:crypto';
import type { Random } from '../ports.js';

/** Draws above this size skip the pool (nothing on a hot path asks for that much). */
const MAX_POOLED_DRAW = 256;

/**
 * A Random over a pool of `poolSize` bytes from the OS-seeded CSPRNG (OpenSSL's RAND_bytes, as `randomBytes`).
 * Every byte is handed out once: it is copied to the caller's buffer and wiped from the pool at once, so the pool
 * never holds a secret that was already given away, and a refill happens only when the pool is spent.
 */
export function pooledRandom(poolSize = 4096): Random {
  const pool = Buffer.alloc(poolSize);
  let offset = poolSize; // spent: the first draw fills it
  return {
    bytes(n: number): Buffer {
      if (n > MAX_POOLED_DRAW || n > poolSize) return randomBytes(n);
      if (offset + n > poolSize) {
        randomFillSync(pool);
        offset = 0;
      }
      const out = Buffer.allocUnsafe(n);
      pool.copy(out, 0, offset, offset + n);
      pool.fill(0, offset, offset + n);
      offset += n;
      return out;
    },
  };
}
