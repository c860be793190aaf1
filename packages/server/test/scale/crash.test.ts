// Crash safety over real processes on PostgreSQL + Redis: kill -9 in the middle of a load of logins loses nothing
// that was acknowledged (pending logins, verified-but-unclaimed logins, users, refresh sessions), the restarted
// server finishes every login, and there are no duplicate users. SIGTERM answers held long-polls with the
// retryable E066103 and exits cleanly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestsEnabled } from '../../src/events/redis/testing/PrivateRedis.js';
import { postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { freePort, messageOf } from '@notp/test-utils/server';
import { cloudApiDelivery, cloudApiSignature } from '../cloudApiDelivery.js';
import { type Backends, startBackends } from './backends.js';
import { ServerProcess } from './ServerProcess.js';

const enabled = postgresTestsEnabled() && redisTestsEnabled('crash tests');

/** Concurrent logins in the load. */
const LOGINS = 40;
/** The server is killed once this many messages were acknowledged: mid-way through the load. */
const KILL_AFTER_ACKS = LOGINS / 2;
/** Parallel delivery lanes (a provider delivers several messages at once). */
const LANES = 4;
/** The simulator's phone number id (config default), which Cloud API deliveries must name. */
const PHONE_NUMBER_ID = '100000000000001';

interface Login {
  phone: string;
  pendingRef: string;
  text: string;
  wamid: string;
  acked: boolean;
}

describe.skipIf(!enabled)('crash safety (real processes, PostgreSQL + Redis)', () => {
  let backends: Backends;
  let db: pg.Pool;
  let env: Record<string, string>;
  let url: string;
  let appSecret: string;

  beforeAll(async () => {
    backends = await startBackends();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    appSecret = randomBytes(32).toString('hex');
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      NOTP_PUBLIC_URL: url,
      ...backends.env,
      NOTP_CLOUD_API_APP_SECRET: appSecret,
      // One client machine drives the whole load: per-IP limits would throttle the test, not the server.
      NOTP_RATE_LIMIT: 'off',
    };
    db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await backends?.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.NOTP_PROJECT_ID}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** A signed Cloud API delivery (WHATSAPP.md format); redelivering the same wamid is what Meta does after a 5xx. */
  const deliver = (login: Login) => {
    const raw = cloudApiDelivery({
      displayPhoneNumber: '16505550100',
      phoneNumberId: PHONE_NUMBER_ID,
      fromWaId: login.phone.slice(1),
      text: login.text,
      wamid: login.wamid,
      timestampSec: Math.floor(Date.now() / 1000),
      profileName: 'Load',
    });
    return fetch(`${url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': cloudApiSignature(raw, appSecret) },
      body: raw,
    });
  };

  it('kill -9 mid-load: every acknowledged login completes after restart, nothing is duplicated', async () => {
    const server = new ServerProcess(url, env);
    await server.start();
    try {
      // A finished login before the load: its refresh session must survive the crash too.
      const early: Login = { phone: '+16505560999', pendingRef: '', text: '', wamid: 'wamid.early', acked: false };
      const started = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: early.phone });
      const s = (await started.json()) as { pendingRef: string; redirectUrl: string };
      Object.assign(early, { pendingRef: s.pendingRef, text: messageOf(s.redirectUrl) });
      expect((await deliver(early)).status).toBe(200);
      const first = (await (await post('/v1/auth/notp/pending-session', { pendingRef: early.pendingRef })).json()) as {
        refreshJwt: string;
      };
      expect(typeof first.refreshJwt).toBe('string');

      // The load: LOGINS pending logins, then their messages in LANES parallel lanes; kill -9 half-way.
      const logins: Login[] = await Promise.all(
        Array.from({ length: LOGINS }, async (_, i) => {
          const phone = `+1650556${String(1000 + i)}`;
          const res = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: phone });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { pendingRef: string; redirectUrl: string };
          const wamid = `wamid.${randomBytes(10).toString('hex')}`;
          return { phone, pendingRef: body.pendingRef, text: messageOf(body.redirectUrl), wamid, acked: false };
        }),
      );
      let acks = 0;
      let killed: Promise<void> | undefined;
      const queue = [...logins];
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          for (let login = queue.shift(); login && !killed; login = queue.shift()) {
            try {
              const res = await deliver(login);
              // 200 = durably recorded (CONTRACT.md §8): the promise under test.
              if (res.status === 200) login.acked = true;
            } catch {
              // connection cut by the kill: not acknowledged, the provider would redeliver
            }
            if (login.acked && ++acks === KILL_AFTER_ACKS) killed = server.kill9();
          }
        }),
      );
      await killed;
      const acked = logins.filter((l) => l.acked);
      expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(acked.length).toBeLessThan(LOGINS); // the kill did land mid-way

      await server.start();

      // Every acknowledged login completes on the restarted server, without any redelivery.
      for (const login of acked) {
        const res = await post('/v1/auth/notp/pending-session', { pendingRef: login.pendingRef });
        expect(res.status, `${login.phone}: ${await res.clone().text()}`).toBe(200);
      }
      // The rest were pending (durable): the provider redelivers, and they complete too.
      for (const login of logins.filter((l) => !l.acked)) {
        expect((await deliver(login)).status).toBe(200);
        const res = await post('/v1/auth/notp/pending-session', { pendingRef: login.pendingRef });
        expect(res.status, `${login.phone}: ${await res.clone().text()}`).toBe(200);
      }
      // The refresh session from before the crash still refreshes.
      const refreshed = await fetch(`${url}/v1/auth/refresh`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.NOTP_PROJECT_ID}:${first.refreshJwt}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(refreshed.status).toBe(200);

      // Zero duplicates: one user per phone, one verification per login, one refresh session per login.
      const users = await db.query<{ n: number; ids: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT login_id)::int AS ids FROM user_login_ids WHERE project_id = $1',
        [env.NOTP_PROJECT_ID],
      );
      expect(users.rows[0]).toEqual({ n: LOGINS + 1, ids: LOGINS + 1 });
      const userRows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE project_id = $1', [
        env.NOTP_PROJECT_ID,
      ]);
      expect(userRows.rows[0]?.n).toBe(LOGINS + 1);
      const consumed = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pending_auths WHERE project_id = $1 AND status = 'consumed'",
        [env.NOTP_PROJECT_ID],
      );
      expect(consumed.rows[0]?.n).toBe(LOGINS + 1);
      const sessions = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM refresh_sessions WHERE project_id = $1',
        [env.NOTP_PROJECT_ID],
      );
      expect(sessions.rows[0]?.n).toBe(LOGINS + 1);
      process.stdout.write(
        `\n  crash test: ${acked.length}/${LOGINS} messages acknowledged before kill -9; all ${LOGINS} logins completed after restart\n`,
      );
    } finally {
      await server.kill9();
    }
  }, 120_000);

  it('SIGTERM answers a held long-poll with the retryable E066103 and exits 0', async () => {
    const server = new ServerProcess(url, env);
    await server.start();
    try {
      const started = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505560888' });
      const { pendingRef } = (await started.json()) as { pendingRef: string };
      const held = post('/v1/auth/notp/pending-session', { pendingRef }, { prefer: 'wait=30' });
      // Wait until the server really holds it (its own gauge), then stop it.
      await expect
        .poll(async () => (await (await fetch(`${url}/metrics`)).text()).includes('notp_long_polls_open 1'), {
          timeout: 10_000,
        })
        .toBe(true);
      const sentAt = Date.now();
      const exit = server.terminate();
      const res = await held;
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe('E066103');
      expect(Date.now() - sentAt).toBeLessThan(5_000); // answered at shutdown, not at the 30 s deadline
      expect(await exit).toBe(0);
      // Gone: new connections are refused.
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      await server.kill9();
    }
  }, 60_000);
});
