// Runs the RateLimiter conformance suite on the Redis adapter against a real redis-server started for the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRateLimiterConformance } from '../conformance.js';
import { RedisRateLimiter } from './RedisRateLimiter.js';
import { PrivateRedis, redisTestsEnabled } from '../../events/redis/testing/PrivateRedis.js';

const available = redisTestsEnabled('RedisRateLimiter tests');

describe.runIf(available)('RedisRateLimiter (real redis-server)', () => {
  let server: PrivateRedis;
  beforeAll(async () => {
    server = await PrivateRedis.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  runRateLimiterConformance({ name: 'redis', make: () => new RedisRateLimiter(server.url), shared: true });

  it('keeps counters under its own prefix with a TTL (nothing lives forever)', async () => {
    const limiter = new RedisRateLimiter(server.url);
    await limiter.hit('ttl-check', { limit: 5, windowMs: 60_000 });
    const { Redis } = await import('ioredis');
    const raw = new Redis(server.url);
    const ttl = await raw.pttl('notp:rl:ttl-check');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    raw.disconnect();
    await limiter.close();
  });
});
