// The Redis EventBus against a real throwaway redis-server: the shared conformance suite, fan-out between two
// instances, one Redis subscription per channel however many waiters, and best-effort publish while Redis is down.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventBusConformance } from '../conformance.js';
import { nextMessage } from '../testing/nextMessage.js';
import { RedisEventBus } from './RedisEventBus.js';
import { PrivateRedis, redisTestsEnabled } from './testing/PrivateRedis.js';

const available = redisTestsEnabled('RedisEventBus tests');

/** Polls Redis until `channel` has `n` subscribers (SUBSCRIBE is asynchronous), with a deadline. */
async function waitForSubscribers(admin: Redis, channel: string, n: number, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
    if (Number(count) === n) return;
    if (Date.now() > deadline) throw new Error(`${channel}: ${count} subscribers, wanted ${n}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.runIf(available)('RedisEventBus (real redis-server)', () => {
  let server: PrivateRedis;
  let admin: Redis;
  beforeAll(async () => {
    server = await PrivateRedis.start();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  runEventBusConformance({
    name: 'redis',
    make: () => RedisEventBus.connect(server.url),
    listenerCount: (bus) => (bus as RedisEventBus).listenerCount(),
  });

  it('a publish on instance B reaches the subscriber on instance A', async () => {
    const a = await RedisEventBus.connect(server.url);
    const b = await RedisEventBus.connect(server.url);
    try {
      const got = nextMessage(a, 'notp:pending:x1');
      await waitForSubscribers(admin, 'notp:pending:x1', 1);
      await b.publish('notp:pending:x1', 'changed');
      await expect(got).resolves.toBe('changed');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('100 waiters on one channel share one Redis subscription, released with the last one', async () => {
    const bus = await RedisEventBus.connect(server.url);
    try {
      const offs = Array.from({ length: 100 }, () => bus.subscribe('notp:pending:shared', () => {}));
      await waitForSubscribers(admin, 'notp:pending:shared', 1);
      expect(bus.subscribedChannels()).toBe(1);
      for (const off of offs.slice(1)) off();
      await waitForSubscribers(admin, 'notp:pending:shared', 1);
      offs[0]!();
      await waitForSubscribers(admin, 'notp:pending:shared', 0);
      expect(bus.subscribedChannels()).toBe(0);
    } finally {
      await bus.close();
    }
  });

  it('the last waiter leaving as a new one arrives (same tick) does not lose the new one', async () => {
    const bus = await RedisEventBus.connect(server.url);
    try {
      for (let i = 0; i < 20; i++) {
        const off = bus.subscribe(`notp:pending:old${i}`, () => {});
        await waitForSubscribers(admin, `notp:pending:old${i}`, 1);
        off(); // UNSUBSCRIBE of the only channel…
        const got = nextMessage(bus, `notp:pending:new${i}`); // …and SUBSCRIBE right behind it
        await waitForSubscribers(admin, `notp:pending:new${i}`, 1);
        await bus.publish(`notp:pending:new${i}`, 'changed');
        await expect(got).resolves.toBe('changed');
      }
    } finally {
      await bus.close();
    }
  });

  it('connect fails fast on an unreachable Redis (a bad REDIS_URL stops the start)', async () => {
    await expect(RedisEventBus.connect('redis://127.0.0.1:1')).rejects.toThrow();
  });

  it('publish while Redis is gone resolves (best effort), reports the error, and ping rejects', async () => {
    const own = await PrivateRedis.start();
    const errors: string[] = [];
    const bus = await RedisEventBus.connect(own.url, { onError: (_err, context) => errors.push(context) });
    try {
      await own.stop();
      await expect(bus.publish('notp:pending:lost', 'changed')).resolves.toBeUndefined();
      expect(errors).toContain('redis publish');
      await expect(bus.ping()).rejects.toThrow();
    } finally {
      await bus.close();
    }
  });
});
