// NOTP_TRUSTED_PROXIES over real HTTP: who the client is (per-IP start limit, login history) behind a proxy, and
// that a client talking to notp directly cannot choose its address with X-Forwarded-For.
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { type Answer, call } from './securityKit.js';

const startFrom = (server: TestServer, forwardedFor: string): Promise<Answer> =>
  call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' }, headers: { 'x-forwarded-for': forwardedFor } });

/** A whole login whose requests arrive through a proxy that says the client is `forwardedFor`; returns its history. */
async function historyIpsAfterLogin(server: TestServer, phone: string, forwardedFor: string): Promise<unknown[]> {
  const headers = { 'x-forwarded-for': forwardedFor };
  const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: phone }, headers });
  expect(started.status).toBe(200);
  expect((await server.sendWhatsApp(phone, messageOf(String(started.body['redirectUrl'])))).status).toBe(200);
  const session = await call(server, 'POST', routes.notp.pendingSession, {
    body: { pendingRef: started.body['pendingRef'] },
    headers: { ...headers, prefer: 'wait=5' },
  });
  expect(session.status).toBe(200);
  const history = await call(server, 'GET', routes.session.meHistory, {
    auth: `Bearer ${server.projectId}:${String(session.body['refreshJwt'])}`,
    headers,
  });
  expect(history.status).toBe(200);
  return (history.body as unknown as { ip: string }[]).map((entry) => entry.ip);
}

describe('NOTP_TRUSTED_PROXIES=loopback (notp behind a proxy on the same host)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_TRUSTED_PROXIES: 'loopback', NOTP_RATE_LIMIT_START_PER_IP: '2' });
  });
  afterAll(() => server.close());

  it('counts the per-IP start limit per forwarded client, not per proxy', async () => {
    expect((await startFrom(server, '203.0.113.1')).status).toBe(200);
    expect((await startFrom(server, '203.0.113.1')).status).toBe(200);
    const third = await startFrom(server, '203.0.113.1');
    expect(third.status).toBe(429);
    expect(third.body['errorCode']).toBe(errors.rateLimited.code);
    // Another client behind the same proxy has its own budget.
    expect((await startFrom(server, '203.0.113.2')).status).toBe(200);
  });

  it('believes only the hops it trusts: an address the client prepended itself is ignored', async () => {
    // The proxy appends the address it saw (203.0.113.1, now limited); what the client sent before it is not believed.
    const spoofed = await startFrom(server, '198.51.100.77, 203.0.113.1');
    expect(spoofed.status).toBe(429);
  });

  it('records the forwarded client address in the login history', async () => {
    expect(await historyIpsAfterLogin(server, '+16505550931', '198.51.100.9')).toEqual(['198.51.100.9']);
  });
});

describe('NOTP_TRUSTED_PROXIES=1 (a hop count: one proxy in front)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_TRUSTED_PROXIES: '1', NOTP_RATE_LIMIT_START_PER_IP: '1' });
  });
  afterAll(() => server.close());

  it('takes the address the one proxy appended, whatever the client put before it', async () => {
    expect((await startFrom(server, '198.51.100.77, 203.0.113.5')).status).toBe(200);
    expect((await startFrom(server, '203.0.113.5')).status).toBe(429);
    expect((await startFrom(server, '198.51.100.77, 203.0.113.6')).status).toBe(200);
  });
});

describe('NOTP_TRUSTED_PROXIES unset (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_RATE_LIMIT_START_PER_IP: '2' });
  });
  afterAll(() => server.close());

  it('ignores X-Forwarded-For: a client cannot buy a fresh start budget by naming another address', async () => {
    expect((await startFrom(server, '203.0.113.1')).status).toBe(200);
    expect((await startFrom(server, '203.0.113.2')).status).toBe(200);
    expect((await startFrom(server, '203.0.113.3')).status).toBe(429);
  });
});

describe('NOTP_TRUSTED_PROXIES unset: login history', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('records the socket address, not the forwarded one', async () => {
    const ips = await historyIpsAfterLogin(server, '+16505550932', '198.51.100.9');
    expect(ips).toHaveLength(1);
    expect(String(ips[0])).toMatch(/^(?:127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});
