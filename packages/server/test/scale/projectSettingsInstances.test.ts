// A settings change through instance A applies to requests served by instance B at once: two real server processes
// on one PostgreSQL database and one Redis (allowed origins for preflights and real requests, the project's name and
// templates in the next prefilled message).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestsEnabled } from '../../src/events/redis/testing/PrivateRedis.js';
import { postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { freePort, messageOf } from '@notp/test-utils/server';
import { type Backends, startBackends } from './backends.js';
import { ServerProcess } from './ServerProcess.js';

const enabled = postgresTestsEnabled() && redisTestsEnabled('multi-instance settings tests');
const APP_ORIGIN = 'https://app.example.com';

describe.skipIf(!enabled)('project settings across instances (two processes, PostgreSQL + Redis)', () => {
  let backends: Backends;
  let a: ServerProcess;
  let b: ServerProcess;
  let projectId: string;
  let managementKey: string;

  beforeAll(async () => {
    backends = await startBackends();
    projectId = backends.env.NOTP_PROJECT_ID;
    managementKey = backends.env.NOTP_MANAGEMENT_KEY;
    const shared = {
      HOST: '127.0.0.1',
      ...backends.env,
      NOTP_CLOUD_API_APP_SECRET: randomBytes(32).toString('hex'),
      // One client starts every login with one login id: the per-login-id limit would throttle the test.
      NOTP_RATE_LIMIT: 'off',
    };
    const serverOn = async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      return new ServerProcess(url, { ...shared, PORT: String(port), NOTP_PUBLIC_URL: url });
    };
    [a, b] = [await serverOn(), await serverOn()];
    await a.start(); // first: it creates the project
    await b.start();
  }, 120_000);
  afterAll(async () => {
    await a?.terminate();
    await b?.terminate();
    await backends?.stop();
  });

  const management = (server: ServerProcess, method: string, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${projectId}:${managementKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const preflight = (server: ServerProcess, origin: string) =>
    fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const start = (server: ServerProcess, origin?: string) =>
    fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${projectId}`,
        'content-type': 'application/json',
        ...(origin === undefined ? {} : { origin }),
      },
      body: JSON.stringify({ loginId: '+16505558001' }),
    });
  const allowedOrigin = (res: Response) => res.headers.get('access-control-allow-origin');

  it('an origin added through A is allowed by B at once; removed, B refuses the real request at once', async () => {
    // B has looked at the origin lists already (its cache holds the old ones).
    expect(allowedOrigin(await preflight(b, 'http://localhost:5173'))).toBe('http://localhost:5173');
    expect(allowedOrigin(await preflight(b, APP_ORIGIN))).toBeNull();
    expect(allowedOrigin(await start(b, APP_ORIGIN))).toBeNull();

    const added = await management(a, 'PATCH', '/v1/mgmt/notp/project/settings', {
      allowedOrigins: ['http://localhost:*', APP_ORIGIN],
    });
    expect(added.status).toBe(200);
    expect(allowedOrigin(await preflight(b, APP_ORIGIN))).toBe(APP_ORIGIN);
    const real = await start(b, APP_ORIGIN);
    expect(real.status).toBe(200);
    expect(allowedOrigin(real)).toBe(APP_ORIGIN);

    const removed = await management(a, 'PATCH', '/v1/mgmt/notp/project/settings', {
      allowedOrigins: ['http://localhost:*'],
    });
    expect(removed.status).toBe(200);
    // The real request is what carries credentials and reads the answer: refused by B at once.
    expect(allowedOrigin(await start(b, APP_ORIGIN))).toBeNull();
  });

  it("the name and templates set through A are in B's next prefilled message", async () => {
    const renamed = await management(a, 'POST', '/v1/mgmt/project/update/name', { name: 'Acme Shop' });
    expect(renamed.status).toBe(200);
    const first = (await (await start(b)).json()) as { redirectUrl: string };
    expect(messageOf(first.redirectUrl)).toMatch(/^Log in to Acme Shop code [0-9A-Z]{16}$/);

    const patched = await management(a, 'PATCH', '/v1/mgmt/notp/project/settings', {
      templates: { en: { prefilled: '{app} login: {code}' } },
    });
    expect(patched.status).toBe(200);
    const second = (await (await start(b)).json()) as { redirectUrl: string };
    expect(messageOf(second.redirectUrl)).toMatch(/^Acme Shop login: [0-9A-Z]{16}$/);

    const seenByB = await fetch(`${b.url}/v1/mgmt/notp/project`, {
      headers: { authorization: `Bearer ${projectId}:${managementKey}` },
    });
    expect(await seenByB.json()).toMatchObject({
      name: 'Acme Shop',
      settings: { templates: { en: { prefilled: '{app} login: {code}' } }, allowedOrigins: ['http://localhost:*'] },
    });
  });
});
