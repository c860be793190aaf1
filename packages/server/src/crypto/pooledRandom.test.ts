import { describe, expect, it } from 'vitest';
import { pooledRandom } from './pooledRandom.js';

describe('pooledRandom', () => {
  it('returns buffers of the asked size, including across refills and past the pooled size', () => {
    const random = pooledRandom(64);
    for (const n of [0, 1, 10, 32, 63, 64, 65, 300, 12, 12, 12, 12, 12, 12]) expect(random.bytes(n)).toHaveLength(n);
  });

  it('never hands the same bytes out twice (draws across many refills are all distinct)', () => {
    const random = pooledRandom(96);
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) seen.add(random.bytes(16).toString('hex'));
    expect(seen.size).toBe(5_000);
  });

  it('gives each caller its own copy: changing one draw changes no other', () => {
    const random = pooledRandom(64);
    const a = random.bytes(16);
    const b = random.bytes(16);
    const bBefore = Buffer.from(b);
    a.fill(0xaa);
    expect(b.equals(bBefore)).toBe(true);
  });

  it('looks uniform: every byte value shows up, with counts near the mean (χ² test, 255 degrees of freedom)', () => {
    const random = pooledRandom();
    const counts = new Array<number>(256).fill(0);
    const draws = 4_000;
    for (let i = 0; i < draws; i++) for (const byte of random.bytes(32)) counts[byte] = (counts[byte] ?? 0) + 1;
    const expected = (draws * 32) / 256;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // P(χ²₂₅₅ > 360) < 1e-5: a failure means a broken generator, not bad luck.
    expect(chi2).toBeLessThan(360);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });
});
