// Meta's handshake verifier: the challenge echoed only for mode subscribe + the right token + a printable challenge.
import { errors, NotpError } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { handshakeVerifier } from './handshake.js';

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err instanceof NotpError && err.def.code === errors.webhookVerifyTokenInvalid.code;
  }
  return false;
};

describe('handshakeVerifier', () => {
  const verify = handshakeVerifier('s3cret-token');
  const ok = { 'hub.mode': 'subscribe', 'hub.verify_token': 's3cret-token', 'hub.challenge': '1158201444' };

  it('answers the challenge for subscribe with the configured token', () => {
    expect(verify(ok)).toBe('1158201444');
  });

  it('refuses another mode, a wrong, longer, shorter or missing token, and a missing or unprintable challenge', () => {
    for (const query of [
      { ...ok, 'hub.mode': 'unsubscribe' },
      { ...ok, 'hub.verify_token': 's3cret-tokeN' },
      { ...ok, 'hub.verify_token': 's3cret-token-and-more' },
      { ...ok, 'hub.verify_token': 's3cret' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      { ...ok, 'hub.challenge': '' },
      { ...ok, 'hub.challenge': '<script>alert(1)</script> x' },
      { ...ok, 'hub.challenge': 'x'.repeat(257) },
    ]) {
      expect(
        refused(() => verify(query)),
        JSON.stringify(query),
      ).toBe(true);
    }
  });

  it('refuses every handshake when no verify token is configured', () => {
    const none = handshakeVerifier(undefined);
    expect(refused(() => none({ ...ok, 'hub.verify_token': '' }))).toBe(true);
    expect(refused(() => none(ok))).toBe(true);
  });
});
