// Two notp instances sharing PostgreSQL and Redis: a login started on A completes through B's webhook and wakes
// A's long-poll (wake-up time printed), and racing deliveries/polls across instances yield exactly one user,
// one verification and one token pair — guaranteed by the database, not by either process.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestsEnabled } from '../../src/events/redis/testing/PrivateRedis.js';
import { postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { cloudApiAppSecret } from '../../src/whatsapp/createWhatsApp.js';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { cloudApiDelivery, cloudApiSignature } from '../cloudApiDelivery.js';
import { type Backends, startBackends } from './backends.js';

const enabled = postgresTestsEnabled() && redisTestsEnabled('multi-instance tests');

interface Json {
  [k: string]: unknown;
}

/** A signed Cloud API delivery of one text message, as Meta sends it (WHATSAPP.md), to `server`'s webhook. */
function deliver(server: TestServer, fromWaId: string, text: string, wamid: string): Promise<Response> {
  const { config, masterKey } = server.deps;
  const raw = cloudApiDelivery({
    displayPhoneNumber: config.whatsappNumber.slice(1),
    phoneNumberId: config.cloudApi.phoneNumberId,
    fromWaId,
    text,
    wamid,
    timestampSec: Math.floor(Date.now() / 1000),
    profileName: 'Racer',
  });
  return fetch(`${server.url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': cloudApiSignature(raw, cloudApiAppSecret(config, masterKey)),
    },
    body: raw,
  });
}

describe.skipIf(!enabled)('several instances on PostgreSQL + Redis', () => {
  let backends: Backends;
  let a: TestServer;
  let b: TestServer;
  let db: pg.Pool;

  beforeAll(async () => {
    backends = await startBackends();
    a = await startTestServer(backends.env);
    b = await startTestServer(backends.env);
    db = new pg.Pool({ connectionString: backends.env.DATABASE_URL, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await a?.close();
    await b?.close();
    await backends?.stop();
  });

  const post = (server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const start = async (server: TestServer, loginId: string) => {
    const res = await post(server, '/v1/auth/notp/whatsapp/signup-in', { loginId });
    expect(res.status).toBe(200);
    return (await res.json()) as { pendingRef: string; redirectUrl: string };
  };

  it('both instances run on the shared PostgreSQL store', () => {
    expect(a.deps.store.kind).toBe('postgres');
    expect(b.deps.store.kind).toBe('postgres');
  });

  /** One login started on A, its message delivered to B's webhook, A's long-poll answering; returns timings (ms). */
  async function crossInstanceLogin(phone: string): Promise<{ wake: number; total: number }> {
    const login = await start(a, phone);
    const held = post(a, '/v1/auth/notp/pending-session', { pendingRef: login.pendingRef }, { prefer: 'wait=20' });
    // Timestamped when A answers, not when this test gets round to awaiting it.
    const answered = held.then((res) => ({ res, at: performance.now() }));
    // Held for real: A has subscribed before the message goes in.
    await expect.poll(() => a.deps.metrics?.exposition().then((t) => t.includes('notp_long_polls_open 1'))).toBe(true);
    let publishedAt = 0;
    const publish = b.deps.events.publish.bind(b.deps.events);
    b.deps.events.publish = (channel, message) => {
      publishedAt = performance.now();
      return publish(channel, message);
    };
    try {
      const sentAt = performance.now();
      const wamid = `wamid.${randomBytes(8).toString('hex')}`;
      expect((await deliver(b, phone.slice(1), messageOf(login.redirectUrl), wamid)).status).toBe(200);
      const { res, at: answeredAt } = await answered;
      expect(res.status).toBe(200);
      expect(typeof ((await res.json()) as Json).sessionJwt).toBe('string');
      expect(publishedAt).toBeGreaterThan(0);
      return { wake: answeredAt - publishedAt, total: answeredAt - sentAt };
    } finally {
      b.deps.events.publish = publish;
    }
  }

  it("start on A, message through B's webhook: A's long-poll answers at once (wake-up time printed)", async () => {
    // The first login warms both processes (key import, prepared statements, JIT); then five measured ones.
    await crossInstanceLogin('+16505550110');
    const runs: { wake: number; total: number }[] = [];
    for (let i = 1; i <= 5; i++) runs.push(await crossInstanceLogin(`+1650555011${i}`));
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const wake = median(runs.map((r) => r.wake));
    process.stdout.write(
      `\n  multi-instance wake-up (median of 5): B published → A answered with tokens in ${wake.toFixed(1)} ms; ` +
        `message into B → A answered in ${median(runs.map((r) => r.total)).toFixed(1)} ms (goal < 50 ms on loopback)\n`,
    );
    // A hard ceiling far above the goal (CI machines are shared): a lost event would cost the full 20 s wait.
    expect(wake).toBeLessThan(1_000);
  });

  it('the same message delivered to A and B at once: one user, one verification, one token pair', async () => {
    for (let round = 0; round < 5; round++) {
      const waId = `1650555${String(200 + round).padStart(4, '0')}`;
      const login = await start(round % 2 ? a : b, `+${waId}`);
      const wamid = `wamid.${randomBytes(8).toString('hex')}`;
      const text = messageOf(login.redirectUrl);
      const acks = await Promise.all([deliver(a, waId, text, wamid), deliver(b, waId, text, wamid)]);
      expect(acks.map((r) => r.status)).toEqual([200, 200]);

      // Two pending-session calls for the same ref, one per instance, at once.
      const polls = await Promise.all(
        [a, b].map((s) => post(s, '/v1/auth/notp/pending-session', { pendingRef: login.pendingRef })),
      );
      const statuses = polls.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect(statuses[1]).toBeGreaterThanOrEqual(400);
      expect(statuses[1]).toBeLessThan(500);

      const users = await db.query('SELECT user_id FROM user_login_ids WHERE project_id = $1 AND login_id = $2', [
        a.projectId,
        `+${waId}`,
      ]);
      expect(users.rowCount).toBe(1);
      const sessions = await db.query('SELECT id FROM refresh_sessions WHERE user_id = $1', [users.rows[0].user_id]);
      expect(sessions.rowCount).toBe(1);
      const verified = await db.query(
        'SELECT status FROM pending_auths WHERE code_hash IS NOT NULL AND result_user_id = $1',
        [users.rows[0].user_id],
      );
      expect(verified.rows).toEqual([{ status: 'consumed' }]);
    }
  });

  it('20 different messages for one login, spread over A and B: exactly one verifies it', async () => {
    const login = await start(a, '+16505550333');
    const text = messageOf(login.redirectUrl);
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        deliver(i % 2 ? a : b, '16505550333', text, `wamid.${randomBytes(8).toString('hex')}`),
      ),
    );
    expect(acks.every((r) => r.status === 200)).toBe(true);
    const users = await db.query('SELECT count(*)::int AS n FROM user_login_ids WHERE login_id = $1', ['+16505550333']);
    expect(users.rows[0].n).toBe(1);
    const res = await post(b, '/v1/auth/notp/pending-session', { pendingRef: login.pendingRef });
    expect(res.status).toBe(200);
  });
});
