import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomAlphanumeric } from './randomAlphanumeric.js';

describe('randomAlphanumeric', () => {
  it('gives the requested length over [A-Za-z0-9]', () => {
    const random = { bytes: (n: number) => randomBytes(n) };
    for (const length of [1, 27, 64]) {
      expect(randomAlphanumeric(random, length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
    }
  });

  it('drops bytes ≥ 248 so the mapping stays uniform', () => {
    // 248..255 would map onto A..H a second time; they must be skipped, not folded.
    const script = [255, 248, 0, 61, 62, 247];
    const random = {
      bytes: (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => script[i % script.length] ?? 0)),
    };
    expect(randomAlphanumeric(random, 4)).toBe('A9A9');
  });
});
