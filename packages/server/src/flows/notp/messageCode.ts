// The one-time code inside the WhatsApp message: generation (80 bits, Crockford base32), tolerant parsing, hashing.
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { Random } from '../../ports.js';

/** Crockford base32: no I, L, O, U (they read as 1, 1, 0 or are excluded). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters × 5 bits = 80 bits (WHATSAPP.md: codes ≥ 80 bits). */
export const MESSAGE_CODE_LENGTH = 16;
/** WhatsApp text bodies are ≤ 4096 characters; never scan more (a webhook is a hot path). */
const MAX_SCAN = 4096;

/** A fresh code: 10 random bytes → 16 Crockford characters (exactly 5 bits each, no modulo bias). */
export function newMessageCode(random: Random): string {
  const bytes = random.bytes(10);
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** Upper-cases and maps Crockford's look-alikes (O→0, I/L→1); null if any character is outside the alphabet. */
function normaliseGroup(group: string): string | null {
  let out = '';
  for (const ch of group.toUpperCase()) {
    const c = ch === 'O' ? '0' : ch === 'I' || ch === 'L' ? '1' : ch;
    if (!ALPHABET.includes(c)) return null;
    out += c;
  }
  return out;
}

/**
 * Finds the one login code in a message body, wherever it is; null when there is none or two different ones.
 * Tolerates case, look-alikes and spaces/dashes inside the code (people retype or reformat it). A code written
 * as one 16-character token wins over one pieced together from several words; pieced-together candidates that
 * disagree resolve to the one ending its run of words (our prefilled message puts the code last), else null.
 */
export function findCode(text: string): string | null {
  const body = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  // Runs: alphanumeric groups joined by single spaces or dashes. Anything else (punctuation, newlines…) ends a run.
  const runs = body.match(/[0-9A-Za-z]+(?:[ -][0-9A-Za-z]+)*/g) ?? [];
  const whole = new Set<string>();
  const pieced = new Set<string>();
  const piecedAtEnd = new Set<string>();
  for (const run of runs) {
    const groups = run.split(/[ -]/).map(normaliseGroup);
    for (let i = 0; i < groups.length; i++) {
      let joined = '';
      for (let j = i; j < groups.length; j++) {
        const g = groups[j];
        if (g === null || g === undefined) break;
        joined += g;
        if (joined.length > MESSAGE_CODE_LENGTH) break;
        if (joined.length === MESSAGE_CODE_LENGTH) {
          if (j === i) whole.add(joined);
          else {
            pieced.add(joined);
            if (j === groups.length - 1) piecedAtEnd.add(joined);
          }
          break;
        }
      }
    }
  }
  if (whole.size > 0) return whole.size === 1 ? [...whole][0]! : null;
  if (pieced.size === 1) return [...pieced][0]!;
  if (piecedAtEnd.size === 1) return [...piecedAtEnd][0]!;
  return null;
}

/** SHA-256 hex of a normalised code: what the store keeps (the code is a secret; high entropy makes a plain hash fine). */
export function hashMessageCode(code: string): string {
  return sha256Hex(code);
}
