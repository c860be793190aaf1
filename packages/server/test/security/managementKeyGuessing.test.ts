// Guessing management keys (issue 13, item 6): wrong keys are limited per client address (then everything from it is
// a 429, the right key included) and audited; other addresses are unaffected.
import { randomBytes } from 'node:crypto';
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/rate-limit/defaultRateLimits.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { type Answer, call, mgmtAuth } from './securityKit.js';

const LICENSE = routes.mgmt.license;

describe('failed management authentications per client address', () => {
  let server: TestServer;
  beforeAll(async () => {
    // X-Forwarded-For from loopback is believed, so one test plays several addresses.
    server = await startTestServer({ NOTP_TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(() => server.close());

  const from = (ip: string, auth: string): Promise<Answer> =>
    call(server, 'GET', LICENSE, { auth, headers: { 'x-forwarded-for': ip, 'user-agent': 'guesser/1.0' } });
  const wrongKey = () => `Bearer ${server.projectId}:K${randomBytes(24).toString('base64url')}`;

  it('the default is 10 failures per 15 minutes', () => {
    expect(DEFAULT_RATE_LIMITS.managementFailuresPerIp).toEqual({ limit: 10, windowMs: 15 * 60_000 });
  });

  it('200 different wrong keys: 10 answered 401, the rest 429 with Retry-After; then even the right key is refused', async () => {
    const ip = '203.0.113.7';
    const answers: Answer[] = [];
    for (let i = 0; i < 200; i++) answers.push(await from(ip, wrongKey()));
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
    for (const a of answers.slice(10)) {
      expect(a.status).toBe(429);
      expect(a.body['errorCode']).toBe(errors.rateLimited.code);
      const retryAfter = Number(a.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // The right key from the blocked address learns nothing; from another address it works.
    expect((await from(ip, mgmtAuth(server))).status).toBe(429);
    expect((await from('203.0.113.8', mgmtAuth(server))).status).toBe(200);
  });

  it('a missing key counts as a failure; right keys never do', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 30; i++) expect((await from(ip, mgmtAuth(server))).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await from(ip, `Bearer ${server.projectId}`)).status).toBe(401);
    expect((await from(ip, mgmtAuth(server))).status).toBe(429);
  });

  it('each failure is audited (type, reason, address, user agent) without the presented key', async () => {
    const ip = '203.0.113.10';
    const presented = wrongKey();
    expect((await from(ip, presented)).status).toBe(401);
    const audit = await call(server, 'GET', `/v1/mgmt/notp/audit?type=management-auth-failed&limit=500`, {
      auth: mgmtAuth(server),
      headers: { 'x-forwarded-for': '203.0.113.11' },
    });
    expect(audit.status).toBe(200);
    const events = audit.body['events'] as Record<string, unknown>[];
    const mine = events.filter((e) => e['ip'] === ip);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      type: 'management-auth-failed',
      reason: errors.managementKeyInvalid.code,
      userAgent: 'guesser/1.0',
    });
    expect(String(mine[0]?.['detail'])).toContain(`GET ${LICENSE}`);
    expect(JSON.stringify(events)).not.toContain(presented.split(':')[1]);
  });
  it('wrong auth management keys on starts (bearer part 3) count in the same per-address budget and are audited', async () => {
    const ip = '203.0.113.12';
    let n = 0; // a new login id each time: the per-login-id start limit must not be what answers
    const start = (key: string) =>
      call(server, 'POST', routes.notp.signUpOrIn, {
        auth: `Bearer ${server.projectId}::${key}`,
        body: { loginId: `+1650555${1000 + n++}` },
        headers: { 'x-forwarded-for': ip, 'user-agent': 'guesser/1.0' },
      });
    for (let i = 0; i < 10; i++) expect((await start(`K${randomBytes(24).toString('base64url')}`)).status).toBe(401);
    // The budget is spent: a start with the right key from that address is refused too, and so is a management call.
    expect((await start(server.managementKey)).status).toBe(429);
    expect((await from(ip, mgmtAuth(server))).status).toBe(429);
    const audit = await call(server, 'GET', `/v1/mgmt/notp/audit?type=management-auth-failed&limit=500`, {
      auth: mgmtAuth(server),
      headers: { 'x-forwarded-for': '203.0.113.13' },
    });
    const mine = (audit.body['events'] as Record<string, unknown>[]).filter((e) => e['ip'] === ip);
    expect(mine).toHaveLength(10);
    expect(String(mine[0]?.['detail'])).toContain('start');
  });
});

describe('the failure limit through the environment', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP: '2' });
  });
  afterAll(() => server.close());

  it('NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP sets the count', async () => {
    const bad = `Bearer ${server.projectId}:Kwrongwrongwrongwrongwrong`;
    expect((await call(server, 'GET', LICENSE, { auth: bad })).status).toBe(401);
    expect((await call(server, 'GET', LICENSE, { auth: bad })).status).toBe(401);
    expect((await call(server, 'GET', LICENSE, { auth: bad })).status).toBe(429);
    expect((await call(server, 'GET', LICENSE, { auth: mgmtAuth(server) })).status).toBe(429); // the right key too
  });
});
