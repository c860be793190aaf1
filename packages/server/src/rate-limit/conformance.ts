// runRateLimiterConformance: the one behaviour suite every RateLimiter adapter (memory, Redis) must pass.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimiter } from './ports.js';

export interface RateLimiterConformanceOptions {
  name: string;
  /** A fresh limiter. Networked adapters: every limiter made shares one counter store (several instances). */
  make: () => Promise<RateLimiter> | RateLimiter;
  /** True when two limiters from `make` count together (Redis); false when each is its own (memory). */
  shared: boolean;
}

/** Polls `check` until true or the deadline passes (windows end in real time on networked adapters). */
async function within(ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function runRateLimiterConformance(opts: RateLimiterConformanceOptions): void {
  describe(`RateLimiter conformance: ${opts.name}`, () => {
    const opened: RateLimiter[] = [];
    const make = async () => {
      const limiter = await opts.make();
      opened.push(limiter);
      return limiter;
    };
    // Keys unique per case: networked adapters share counters between cases and runs.
    const key = (name: string) => `conf:${name}:${randomBytes(6).toString('hex')}`;
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((l) => l.close()));
    });

    it('hit: allows `limit` hits in a window, counting remaining down, then refuses', async () => {
      const limiter = await make();
      const k = key('count');
      const rule = { limit: 3, windowMs: 60_000 };
      const decisions = [];
      for (let i = 0; i < 5; i++) decisions.push(await limiter.hit(k, rule));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
      expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0, 0]);
    });

    it('hit: retryAfterSec is whole seconds within the window (1 ≤ s ≤ window)', async () => {
      const limiter = await make();
      const k = key('retry');
      const rule = { limit: 1, windowMs: 30_000 };
      await limiter.hit(k, rule);
      const refused = await limiter.hit(k, rule);
      expect(refused.allowed).toBe(false);
      expect(Number.isInteger(refused.retryAfterSec)).toBe(true);
      expect(refused.retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSec).toBeLessThanOrEqual(30);
      // A sub-second window still says "1 s", never 0 (Retry-After: 0 invites an immediate retry storm).
      const short = key('short');
      await limiter.hit(short, { limit: 0, windowMs: 200 });
      expect((await limiter.hit(short, { limit: 0, windowMs: 200 })).retryAfterSec).toBe(1);
    });

    it('peek: reports the window without counting; refused once `limit` hits were counted', async () => {
      const limiter = await make();
      const k = key('peek');
      const rule = { limit: 2, windowMs: 60_000 };
      expect(await limiter.peek(k, rule)).toMatchObject({ allowed: true, remaining: 2 });
      for (let i = 0; i < 5; i++) await limiter.peek(k, rule);
      expect((await limiter.hit(k, rule)).remaining).toBe(1); // five peeks counted nothing
      expect(await limiter.peek(k, rule)).toMatchObject({ allowed: true, remaining: 1 });
      await limiter.hit(k, rule);
      const refused = await limiter.peek(k, rule);
      expect(refused.allowed).toBe(false);
      expect(refused.remaining).toBe(0);
      expect(refused.retryAfterSec).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSec).toBeLessThanOrEqual(60);
    });

    it('peek: a window that ended reads as fresh', async () => {
      const limiter = await make();
      const k = key('peek-reset');
      const rule = { limit: 1, windowMs: 200 };
      await limiter.hit(k, rule);
      expect((await limiter.peek(k, rule)).allowed).toBe(false);
      await within(3_000, async () => (await limiter.peek(k, rule)).allowed);
    });

    it('hit: keys are independent', async () => {
      const limiter = await make();
      const rule = { limit: 1, windowMs: 60_000 };
      const a = key('a');
      const b = key('b');
      expect((await limiter.hit(a, rule)).allowed).toBe(true);
      expect((await limiter.hit(a, rule)).allowed).toBe(false);
      expect((await limiter.hit(b, rule)).allowed).toBe(true);
    });

    it('hit: exactly `limit` of 50 concurrent racers are allowed', async () => {
      const limiter = await make();
      const k = key('race');
      const rule = { limit: 10, windowMs: 60_000 };
      const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(k, rule)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it(`hit: two limiters ${opts.shared ? 'share' : 'do not share'} counters`, async () => {
      const one = await make();
      const two = await make();
      const k = key('shared');
      const rule = { limit: 2, windowMs: 60_000 };
      await one.hit(k, rule);
      await one.hit(k, rule);
      expect((await two.hit(k, rule)).allowed).toBe(!opts.shared);
    });

    it('hit: a new window starts once the old one ends; refused hits do not extend it', async () => {
      const limiter = await make();
      const k = key('reset');
      const rule = { limit: 2, windowMs: 300 };
      const started = Date.now();
      await limiter.hit(k, rule);
      await limiter.hit(k, rule);
      expect((await limiter.hit(k, rule)).allowed).toBe(false);
      // Keep hammering: the window still ends on time.
      await within(3_000, async () => (await limiter.hit(k, rule)).allowed);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await limiter.hit(k, rule)).remaining).toBe(0);
    });
  });
}
