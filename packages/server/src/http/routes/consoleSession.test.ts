// Console sign-in and sessions through the real server (temp SQLite, manual clock): who gets a session, the cookie,
// idle and absolute timeouts, logout, and the audit of sign-ins.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock, startTestServer, type TestServer } from '@notp/test-utils/server';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import { consoleKit } from '../../flows/console/testing/consoleTestKit.js';

let server: TestServer;
let clock: ManualClock;
const kit = consoleKit(() => server);
const MIN = 60_000;

beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ NOTP_APP_NAME: 'Acme Shop' }, { clock });
});
afterAll(() => server.close());

const audit = async (type: string) => {
  const r = await kit.send('GET', `/v1/mgmt/notp/audit?type=${type}`, { headers: kit.key() });
  return r.body.events as {
    userId: string | null;
    actorUserId: string | null;
    reason: string | null;
    detail: string;
  }[];
};

describe('GET /console/api/project', () => {
  it('answers the first project, or the one asked for; an unknown one is refused', async () => {
    expect((await kit.send('GET', '/console/api/project')).body).toEqual({
      projectId: server.projectId,
      name: 'Acme Shop',
    });
    const asked = await kit.send('GET', `/console/api/project?project=${server.projectId}`);
    expect(asked.body.projectId).toBe(server.projectId);
    const unknown = await kit.send('GET', `/console/api/project?project=P${'x'.repeat(27)}`);
    expect(unknown.body.errorCode).toBe(errors.projectUnknown.code);
    expect((await kit.send('GET', '/console/api/project?project=nope')).status).toBe(400);
  });
});

describe('POST /console/api/session', () => {
  it('gives an admin a session: HttpOnly, SameSite=Strict, Path=/ cookie; only its SHA-256 is stored', async () => {
    const userId = await kit.createUser('+16505550101', ['console-admin']);
    const jwt = await kit.sessionJwtOf(userId);
    const r = await kit.send('POST', '/console/api/session', {
      body: { projectId: server.projectId, sessionJwt: jwt },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      projectId: server.projectId,
      projectName: 'Acme Shop',
      admin: { kind: 'user', userId, loginId: '+16505550101', name: 'User 0101' },
      idleTimeoutSec: 1800,
      expiresAt: clock.now() + 12 * 60 * MIN,
    });
    expect(r.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = r.setCookie ?? '';
    expect(cookie).toMatch(/^notp-console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    const stored = await server.deps.store.consoleSessions.findByTokenHash(sha256Hex(token));
    expect(stored).toMatchObject({ projectId: server.projectId, userId });
    expect(JSON.stringify(stored)).not.toContain(token);
    const [login] = await audit('console-login');
    expect(login).toMatchObject({ userId, actorUserId: userId });
  });

  it('refuses (403 E910001, audited) a non-admin, a disabled admin and an invalid JWT; no cookie', async () => {
    const plain = await kit.createUser('+16505550102', []);
    const disabled = await kit.createUser('+16505550103', ['console-admin'], 'disabled');
    const cases = [
      { jwt: await kit.sessionJwtOf(plain), why: 'no console-admin role' },
      { jwt: await kit.sessionJwtOf(disabled), why: 'user not enabled' },
      { jwt: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', why: 'invalid session JWT' },
    ];
    for (const { jwt, why } of cases) {
      const r = await kit.send('POST', '/console/api/session', {
        body: { projectId: server.projectId, sessionJwt: jwt },
      });
      expect(r).toMatchObject({ status: 403, body: { errorCode: errors.consoleNotAdmin.code }, setCookie: null });
      const [refused] = await audit('console-login-refused');
      expect(refused).toMatchObject({ reason: errors.consoleNotAdmin.code, detail: why });
    }
  });

  it('refuses a body without a JWT, and a JWT of another project', async () => {
    const r = await kit.send('POST', '/console/api/session', { body: { projectId: server.projectId } });
    expect(r.status).toBe(400);
    const other = await kit.send('POST', '/console/api/session', {
      body: { projectId: `P${'y'.repeat(27)}`, sessionJwt: 'x.y.z' },
    });
    expect(other.body.errorCode).toBe(errors.projectUnknown.code);
  });
});

describe('POST /console/api/session/key', () => {
  it('opens a management-key session; a wrong key is 401 E901003, audited as a management auth failure', async () => {
    const who = await kit.signInWithKey();
    expect(who.body.admin).toEqual({ kind: 'management-key' });
    const me = await kit.asConsole(who, 'GET', '/console/api/session');
    expect(me.body.admin).toEqual({ kind: 'management-key' });
    const wrong = await kit.send('POST', '/console/api/session/key', {
      body: { projectId: server.projectId, managementKey: 'Kwrong' },
    });
    expect(wrong).toMatchObject({
      status: 401,
      body: { errorCode: errors.managementKeyInvalid.code },
      setCookie: null,
    });
    const [failed] = await audit('management-auth-failed');
    expect(failed?.detail).toBe('console sign-in: wrong management key');
  });
});

describe('GET /console/api/session and timeouts', () => {
  it('slides the idle timeout (30 min) with use, and ends it after 30 idle minutes', async () => {
    const who = await kit.signInAs(await kit.createUser('+16505550104', ['console-admin']));
    for (let i = 0; i < 3; i++) {
      clock.advance(29 * MIN);
      expect((await kit.asConsole(who, 'GET', '/console/api/session')).status).toBe(200);
    }
    clock.advance(30 * MIN);
    const ended = await kit.asConsole(who, 'GET', '/console/api/session');
    expect(ended).toMatchObject({ status: 401, body: { errorCode: errors.consoleSessionRequired.code } });
  });

  it('writes lastSeenAt at most once a minute, however many requests', async () => {
    const who = await kit.signInWithKey();
    const stored = async () => {
      const token = who.cookie.split('=')[1] ?? '';
      return (await server.deps.store.consoleSessions.findByTokenHash(sha256Hex(token)))?.lastSeenAt;
    };
    const signedInAt = clock.now();
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      expect((await kit.asConsole(who, 'GET', '/console/api/session')).status).toBe(200);
    }
    expect(await stored()).toBe(signedInAt);
    clock.advance(10_000);
    expect((await kit.asConsole(who, 'GET', '/v1/mgmt/license')).status).toBe(200);
    expect(await stored()).toBe(signedInAt + MIN);
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    const who = await kit.signInAs(await kit.createUser('+16505550105', ['console-admin']));
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * MIN);
      expect((await kit.asConsole(who, 'GET', '/console/api/session')).status).toBe(200);
    }
    clock.advance(25 * MIN);
    expect((await kit.asConsole(who, 'GET', '/console/api/session')).status).toBe(401);
  });

  it('answers 401 E910002 without a cookie or with an unknown one', async () => {
    expect((await kit.send('GET', '/console/api/session')).body.errorCode).toBe(errors.consoleSessionRequired.code);
    const r = await kit.send('GET', '/console/api/session', { headers: { cookie: 'notp-console=forged' } });
    expect(r).toMatchObject({ status: 401, body: { errorCode: errors.consoleSessionRequired.code } });
  });
});

describe('POST /console/api/session/logout', () => {
  it('needs the CSRF header, deletes the session in the store, clears the cookie and audits', async () => {
    const userId = await kit.createUser('+16505550106', ['console-admin']);
    const who = await kit.signInAs(userId);
    const token = who.cookie.split('=')[1] ?? '';
    const forged = await kit.send('POST', '/console/api/session/logout', { headers: { cookie: who.cookie } });
    expect(forged).toMatchObject({ status: 403, body: { errorCode: errors.consoleCsrfInvalid.code } });
    expect(await server.deps.store.consoleSessions.findByTokenHash(sha256Hex(token))).not.toBeNull();
    const out = await kit.asConsole(who, 'POST', '/console/api/session/logout');
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/^notp-console=;.*Expires=Thu, 01 Jan 1970/);
    expect(await server.deps.store.consoleSessions.findByTokenHash(sha256Hex(token))).toBeNull();
    expect((await kit.asConsole(who, 'GET', '/console/api/session')).status).toBe(401);
    const [logout] = await audit('console-logout');
    expect(logout).toMatchObject({ userId, actorUserId: userId });
  });
});

describe('Origin', () => {
  it('refuses every session route to another origin (403 E910003), and serves its own', async () => {
    const who = await kit.signInWithKey();
    const evil = { origin: 'https://evil.example' };
    const refused = [
      await kit.asConsole(who, 'GET', '/console/api/session', undefined, evil),
      await kit.send('POST', '/console/api/session/key', {
        body: { projectId: server.projectId, managementKey: server.managementKey },
        headers: evil,
      }),
      await kit.asConsole(who, 'POST', '/console/api/session/logout', undefined, evil),
    ];
    for (const r of refused) {
      expect(r).toMatchObject({ status: 403, body: { errorCode: errors.consoleCsrfInvalid.code }, setCookie: null });
    }
    const own = await kit.asConsole(who, 'GET', '/console/api/session', undefined, { origin: server.url });
    expect(own.body.csrfToken).toBe(who.csrf);
    expect((await kit.send('GET', '/console/api/project', { headers: evil })).status).toBe(200);
  });
});

describe('https public URL', () => {
  it('names the cookie __Host-notp-console and marks it Secure', async () => {
    const https = await startTestServer({ NOTP_PUBLIC_URL: 'https://localhost:8443' });
    try {
      const r = await https.app.inject({
        method: 'POST',
        url: '/console/api/session/key',
        payload: { projectId: https.projectId, managementKey: https.managementKey },
      });
      expect(r.statusCode).toBe(200);
      const cookie = String(r.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-notp-console=[A-Za-z0-9_-]{43};/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/');
    } finally {
      await https.close();
    }
  });
});
