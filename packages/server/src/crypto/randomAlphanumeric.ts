// Uniform random strings over [A-Za-z0-9], for ids that must be alphanumeric (project ids, user ids).
import type { Random } from '../ports.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Largest multiple of 62 that fits a byte: bytes at or above it are dropped so every character is equally likely.
const LIMIT = 248;

/** `length` characters drawn uniformly from the 62 alphanumerics (≈5.95 bits each). */
export function randomAlphanumeric(random: Random, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random.bytes(length + 8)) {
      if (byte >= LIMIT) continue;
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
