import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './sealSecret.js';

describe('sealSecret / openSecret', () => {
  const key = randomBytes(32);

  it('round-trips text and bytes, with a fresh IV each time', () => {
    const a = sealSecret(key, '-----BEGIN PRIVATE KEY-----\nabc', 'kid-1');
    const b = sealSecret(key, '-----BEGIN PRIVATE KEY-----\nabc', 'kid-1');
    expect(a).not.toBe(b);
    expect(openSecret(key, a, 'kid-1').toString('utf8')).toBe('-----BEGIN PRIVATE KEY-----\nabc');
    const bytes = randomBytes(100);
    expect(openSecret(key, sealSecret(key, bytes)).equals(bytes)).toBe(true);
  });

  it.each([
    ['a different master key', () => openSecret(randomBytes(32), sealSecret(key, 'secret', 'k'), 'k')],
    ['a different context', () => openSecret(key, sealSecret(key, 'secret', 'kid-1'), 'kid-2')],
    [
      'a flipped ciphertext bit',
      () => {
        const raw = Buffer.from(sealSecret(key, 'secret'), 'base64');
        raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
        return openSecret(key, raw.toString('base64'));
      },
    ],
    ['a truncated value', () => openSecret(key, Buffer.alloc(20).toString('base64'))],
    ['a short master key', () => sealSecret(randomBytes(16), 'secret')],
  ])('fails with %s', (_, run) => {
    expect(run).toThrow();
  });
});
