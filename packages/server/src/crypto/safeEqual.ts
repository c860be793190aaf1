// Constant-time string comparison for secrets (hashes, keys, tokens).
import { timingSafeEqual } from 'node:crypto';

/**
 * True when `a` and `b` are the same string. Compares in time independent of where they differ;
 * only the length check can short-circuit, and callers compare fixed-length digests, so that leaks nothing.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
