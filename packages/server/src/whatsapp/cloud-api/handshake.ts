// handshake: Meta's webhook verification (GET with hub.mode, hub.verify_token, hub.challenge) — the challenge to echo, or a refusal.
import { errors, NotpError } from '@notp/core';
import { safeEqual } from '../../crypto/safeEqual.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';

/** The query Meta sends when it subscribes the webhook (CONTRACT §8). */
export interface HandshakeQuery {
  'hub.mode'?: string;
  'hub.verify_token'?: string;
  'hub.challenge'?: string;
}

/** A challenge Meta may send: 1–256 printable ASCII characters, echoed back as plain text. */
const CHALLENGE = /^[\x21-\x7e]{1,256}$/;

/**
 * The verifier for the configured verify token: it answers the challenge to echo when the mode is `subscribe` and the
 * token matches, and throws `webhookVerifyTokenInvalid` (403) otherwise. Without a configured token (the simulator's
 * default) nothing can match, so every handshake is refused. Both sides are hashed before the constant-time compare:
 * equal lengths, so it leaks neither the token's content nor its length.
 */
export function handshakeVerifier(verifyToken: string | undefined): (query: HandshakeQuery) => string {
  const expected = verifyToken ? sha256Hex(verifyToken) : null;
  return (query) => {
    const challenge = query['hub.challenge'] ?? '';
    const presented = query['hub.verify_token'];
    const tokenOk = expected !== null && presented !== undefined && safeEqual(sha256Hex(presented), expected);
    if (query['hub.mode'] !== 'subscribe' || !tokenOk || !CHALLENGE.test(challenge)) {
      throw new NotpError(errors.webhookVerifyTokenInvalid);
    }
    return challenge;
  };
}
