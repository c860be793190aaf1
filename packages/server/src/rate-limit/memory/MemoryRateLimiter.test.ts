// Runs the RateLimiter conformance suite on the in-process adapter, plus its memory bound and sweeping.
import { describe, expect, it } from 'vitest';
import { runRateLimiterConformance } from '../conformance.js';
import { MemoryRateLimiter } from './MemoryRateLimiter.js';

runRateLimiterConformance({ name: 'memory', make: () => new MemoryRateLimiter(), shared: false });

describe('MemoryRateLimiter', () => {
  it('never holds more than maxKeys windows, even under a flood of distinct live keys', async () => {
    const limiter = new MemoryRateLimiter({ maxKeys: 100, sweepEveryMs: 0 });
    for (let i = 0; i < 1_000; i++) await limiter.hit(`flood:${i}`, { limit: 5, windowMs: 60_000 });
    expect(limiter.size).toBeLessThanOrEqual(100);
    await limiter.close();
  });

  it('sweeps expired windows (timer or when full) before dropping live ones', async () => {
    let t = 1_000_000;
    const limiter = new MemoryRateLimiter({ now: () => t, maxKeys: 10, sweepEveryMs: 0 });
    const rule = { limit: 1, windowMs: 1_000 };
    for (let i = 0; i < 9; i++) await limiter.hit(`old:${i}`, rule);
    await limiter.hit('live', { limit: 1, windowMs: 60_000 });
    t += 2_000; // the nine short windows ended
    await limiter.hit('new', rule); // full: sweeping frees room without touching the live window
    expect(limiter.size).toBe(2);
    expect((await limiter.hit('live', { limit: 1, windowMs: 60_000 })).allowed).toBe(false);
    t += 60_000;
    expect(limiter.sweep()).toBe(2);
    expect(limiter.size).toBe(0);
    await limiter.close();
  });

  it('counts by the injected clock: the window resets exactly at its end', async () => {
    let t = 0;
    const limiter = new MemoryRateLimiter({ now: () => t, sweepEveryMs: 0 });
    const rule = { limit: 1, windowMs: 10_000 };
    expect((await limiter.hit('k', rule)).allowed).toBe(true);
    t = 9_999;
    const refused = await limiter.hit('k', rule);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSec: 1 });
    t = 10_000;
    expect((await limiter.hit('k', rule)).allowed).toBe(true);
    await limiter.close();
  });
});
