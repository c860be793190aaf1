// Two instances on one PostgreSQL database: each counts its share of a login, and both answer the same activity
// (the console's charts come from the store, not from either process's memory).
import { routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityAnswer } from '../../src/flows/activity/readActivity.js';
import { redisTestsEnabled } from '../../src/events/redis/testing/PrivateRedis.js';
import { postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { type Backends, startBackends } from './backends.js';

const enabled = postgresTestsEnabled() && redisTestsEnabled('multi-instance activity tests');

describe.skipIf(!enabled)('login activity across instances (PostgreSQL + Redis)', () => {
  let backends: Backends;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    backends = await startBackends();
    a = await startTestServer(backends.env);
    b = await startTestServer(backends.env);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backends?.stop();
  });

  const activity = async (server: TestServer): Promise<ActivityAnswer> => {
    const res = await fetch(`${server.url}${routes.mgmt.notpActivity}?range=hour`, {
      headers: { authorization: `Bearer ${server.projectId}:${server.managementKey}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ActivityAnswer;
  };

  it('logins started on A and completed through B are counted once, and A and B answer the same', async () => {
    expect(a.deps.store.kind).toBe('postgres');
    for (const phone of ['+16505550931', '+16505550932']) {
      const started = await fetch(`${a.url}${routes.notp.signUpOrIn}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${a.projectId}`, 'content-type': 'application/json' },
        body: JSON.stringify({ loginId: phone }),
      });
      expect(started.status).toBe(200);
      const { redirectUrl } = (await started.json()) as { redirectUrl: string };
      expect((await b.sendWhatsApp(phone, messageOf(redirectUrl))).status).toBe(200);
    }
    // A counted the starts, B the messages and completions: each writes its own share.
    await a.deps.activity?.flush();
    expect((await activity(b)).funnel).toEqual({ started: 2, received: 0, completed: 0 });
    await b.deps.replies.drain(5_000);
    await b.deps.activity?.flush();
    const [fromA, fromB] = await Promise.all([activity(a), activity(b)]);
    expect(fromA.funnel).toEqual({ started: 2, received: 2, completed: 2 });
    expect(fromA.completionMs.count).toBe(2);
    expect(fromA.provider.lastWebhookAt).not.toBeNull();
    expect(fromA.provider.repliesSent).toBeGreaterThanOrEqual(2);
    // The same answer from either instance (same clock bucket: `to` is the end of the current minute on both).
    if (fromA.to === fromB.to) expect(fromB).toEqual(fromA);
    else expect(fromB.funnel).toEqual(fromA.funnel);
  });
});
