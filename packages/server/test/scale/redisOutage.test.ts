// Redis going away on a PostgreSQL + Redis instance: /ready reports the event bus down (503) while /health stays
// up, and logins still complete — the wake-up is best effort, the database is the truth.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivateRedis, redisTestsEnabled } from '../../src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres, postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

const enabled = postgresTestsEnabled() && redisTestsEnabled('Redis outage tests');

describe.skipIf(!enabled)('Redis outage', () => {
  let cluster: PrivatePostgres;
  let redis: PrivateRedis;
  let server: TestServer;

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    server = await startTestServer({
      DATABASE_URL: await cluster.createDatabase(),
      REDIS_URL: redis.url,
      NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
    await cluster?.stop();
  });

  const ready = async () => {
    const res = await fetch(`${server.url}/ready`);
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('/ready turns 503 with events down, /health stays 200, and a login still completes', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', store: 'ok', events: 'ok' } });
    await redis.stop();
    await expect.poll(ready, { timeout: 5_000 }).toEqual({
      status: 503,
      body: { status: 'unavailable', store: 'ok', events: 'down' },
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const headers = { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' };
    const start = await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ loginId: '+16505550777' }),
    });
    const { pendingRef, redirectUrl } = (await start.json()) as { pendingRef: string; redirectUrl: string };
    expect((await server.sendWhatsApp('+16505550777', messageOf(redirectUrl))).status).toBe(200);
    const res = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ pendingRef }),
    });
    expect(res.status).toBe(200);
  });
});
