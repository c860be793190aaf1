// refreshDelayMs: 20 s early for normal sessions, half-way for very short ones, never negative, capped.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, refreshDelayMs } from './refreshDelayMs.js';

describe('refreshDelayMs', () => {
  const table: [lifetimeMs: number, delayMs: number][] = [
    [600_000, 580_000], // 10 min session: 20 s before expiry
    [60_000, 40_000],
    [40_000, 20_000], // the crossover: 20 s early is half-way
    [30_000, 15_000], // short: half-way, not 10 s
    [1_000, 500],
    [0, 0],
    [-5_000, 0], // already expired: at once, never negative
    [Number.NaN, 0],
    [60 * 86_400_000, MAX_TIMER_MS], // beyond setTimeout's range
  ];
  for (const [lifetime, delay] of table) {
    it(`${lifetime} ms → ${delay} ms`, () => expect(refreshDelayMs(lifetime)).toBe(delay));
  }
});
