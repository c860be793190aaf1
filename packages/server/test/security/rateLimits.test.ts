// Rate limits bite over HTTP: 429 with Retry-After and the contract's body (E130429, retryAfter), per the right key.
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { type Answer, call, loginWithWhatsApp, mgmtAuth } from './securityKit.js';

function expectLimited(r: Answer): void {
  expect(r.status).toBe(429);
  expect(r.body['errorCode']).toBe(errors.rateLimited.code);
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(r.body['retryAfter']).toBe(retryAfter);
}

describe('rate limits with their defaults (WHATSAPP.md)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('starts: 5 per 10 min per login id, however the phone is spelled; other ids unaffected', async () => {
    const spellings = ['+16505550801', '+1 650 555 0801', '+1 (650) 555-0801', '001 650 555 0801', '+1-650-555-0801'];
    for (const loginId of spellings) {
      expect((await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId } })).status).toBe(200);
    }
    expectLimited(await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550801' } }));
    // Sign-in of an unknown id counts too: enumeration is bounded by the same limit.
    expectLimited(await call(server, 'POST', routes.notp.signIn, { body: { loginId: '+16505550801' } }));
    expect((await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550802' } })).status).toBe(
      200,
    );
  });

  it('pending-session: 5 per second per pendingRef', async () => {
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } });
    const pendingRef = String(started.body['pendingRef']);
    const polls = await Promise.all(
      Array.from({ length: 8 }, () => call(server, 'POST', routes.notp.pendingSession, { body: { pendingRef } })),
    );
    expect(polls.filter((p) => p.status === 401)).toHaveLength(5);
    for (const p of polls.filter((q) => q.status !== 401)) expectLimited(p);
  });

  it('inbound: the 11th message a minute from one sender is dropped unanswered, even with a valid code', async () => {
    const sender = '+16505550803';
    for (let i = 0; i < 10; i++) expect((await server.sendWhatsApp(sender, `hello ${i}`)).status).toBe(200);
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: sender } });
    expect((await server.sendWhatsApp(sender, messageOf(String(started.body['redirectUrl'])))).status).toBe(200);
    const poll = await call(server, 'POST', routes.notp.pendingSession, {
      body: { pendingRef: started.body['pendingRef'] },
    });
    expect(poll.body['errorCode']).toBe(errors.notpPending.code);
    expect(await server.repliesTo(sender)).toEqual([]);
  });
});

describe('rate limits set through the environment', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      NOTP_RATE_LIMIT_START_PER_IP: '3',
      NOTP_RATE_LIMIT_REFRESH_PER_TOKEN: '2',
      NOTP_RATE_LIMIT_MANAGEMENT_PER_KEY: '3',
    });
  });
  afterAll(() => server.close());

  it('refresh: per token (by hash); another token has its own budget', async () => {
    const a = await loginWithWhatsApp(server, '+16505550811');
    const auth = `Bearer ${server.projectId}:${a.refreshJwt}`;
    expect((await call(server, 'POST', routes.session.refresh, { auth })).status).toBe(200);
    expect((await call(server, 'POST', routes.session.tryRefresh, { auth })).status).toBe(200);
    expectLimited(await call(server, 'POST', routes.session.refresh, { auth }));
  });

  it('starts: per IP, across login ids', async () => {
    // One start was spent by the login above; two more fit.
    expect((await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } })).status).toBe(200);
    expect((await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } })).status).toBe(200);
    expectLimited(await call(server, 'POST', routes.notp.signUp, { body: { loginId: '+16505550812' } }));
  });

  it('management: per key; a wrong key does not spend the right key’s budget', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await call(server, 'GET', routes.mgmt.license, { auth: `Bearer ${server.projectId}:Kwrong` });
      expect([401, 429]).toContain(wrong.status);
    }
    for (let i = 0; i < 3; i++) {
      expect((await call(server, 'GET', routes.mgmt.license, { auth: mgmtAuth(server) })).status).toBe(200);
    }
    expectLimited(await call(server, 'GET', routes.mgmt.license, { auth: mgmtAuth(server) }));
  });
});

describe('NOTP_RATE_LIMIT=off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_RATE_LIMIT: 'off', NOTP_RATE_LIMIT_START_PER_LOGIN_ID: '1' });
  });
  afterAll(() => server.close());

  it('disables every limit', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550821' } });
      expect(r.status).toBe(200);
    }
  });
});
