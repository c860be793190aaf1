// Percentiles from the completion-time histogram: the upper bound of the bucket holding the rank.
import { describe, expect, it } from 'vitest';
import { percentiles, RANGE_SHAPE } from './readActivity.js';

describe('percentiles', () => {
  it('is null without completions', () => {
    expect(percentiles(new Map())).toEqual({ p50: null, p95: null, count: 0 });
  });

  it('reads p50 and p95 as the upper bound of the bucket holding that rank', () => {
    // 20 completions: ranks 10 (p50) and 19 (p95).
    const h = new Map([
      [1_000, 10],
      [5_000, 9],
      [60_000, 1],
    ]);
    expect(percentiles(h)).toEqual({ p50: 1_000, p95: 5_000, count: 20 });
    h.set(1_000, 9); // rank 10 now falls in the 5 s bucket
    expect(percentiles(h)).toMatchObject({ p50: 5_000, p95: 60_000, count: 19 });
    expect(percentiles(new Map([[7_500, 1]]))).toEqual({ p50: 7_500, p95: 7_500, count: 1 });
  });

  it('divides each range into whole buckets', () => {
    for (const { rangeMs, bucketMs } of Object.values(RANGE_SHAPE)) expect(rangeMs % bucketMs).toBe(0);
    expect(RANGE_SHAPE.hour.rangeMs / RANGE_SHAPE.hour.bucketMs).toBe(60);
  });
});
