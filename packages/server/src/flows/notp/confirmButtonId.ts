// confirmButtonId: the ids of the "Yes, it's me" / "No" reply buttons — which login, which answer, and its nonce.
import type { Random } from '../../ports.js';

export type ConfirmAnswer = 'yes' | 'no';

export interface ParsedConfirmButtonId {
  answer: ConfirmAnswer;
  /** The pending auth's internal id (not a secret: the nonce is). */
  pendingId: string;
  nonce: string;
}

/** 16 random bytes → 22 base64url characters: 128 bits, unguessable like the pendingRef. */
export function newConfirmNonce(random: Random): string {
  return random.bytes(16).toString('base64url');
}

/** `notp:<yes|no>:<pendingId>:<nonce>` — well under the Cloud API's 256-character button id limit. */
export function confirmButtonId(answer: ConfirmAnswer, pendingId: string, nonce: string): string {
  return `notp:${answer}:${pendingId}:${nonce}`;
}

const ID = /^notp:(yes|no):([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{22})$/;

/** The parts of one of our button ids; null for anything else (another quick reply, a forgery's odd shape). */
export function parseConfirmButtonId(id: string): ParsedConfirmButtonId | null {
  const m = ID.exec(id);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { answer: m[1] as ConfirmAnswer, pendingId: m[2], nonce: m[3] };
}
