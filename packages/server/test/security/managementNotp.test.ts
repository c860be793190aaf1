// notp's own management routes over HTTP: sessions (list, revoke), key rotation, and the audit log of every event.
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../harness.js';
import { call, loginWithWhatsApp, mgmtAuth } from './securityKit.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface AuditEventJson {
  id: number;
  type: string;
  userId: string | null;
  ip: string;
  userAgent: string;
  reason: string | null;
  detail: string;
  at: number;
}

async function audit(query: string): Promise<{ events: AuditEventJson[]; next?: number }> {
  const r = await call(server, 'GET', `${routes.mgmt.notpAudit}?${query}`, { auth: mgmtAuth(server) });
  expect(r.status).toBe(200);
  return r.body as unknown as { events: AuditEventJson[]; next?: number };
}

describe('management: sessions', () => {
  it('lists a user’s sessions (no tokens) and revokes one login, which then cannot refresh', async () => {
    const phone = '+16505550711';
    const first = await loginWithWhatsApp(server, phone);
    const second = await loginWithWhatsApp(server, phone);
    const listed = await call(server, 'GET', `${routes.mgmt.notpSessions}?userId=${first.userId}`, {
      auth: mgmtAuth(server),
    });
    expect(listed.status).toBe(200);
    const sessions = listed.body['sessions'] as { sessionId: string; live: boolean; userAgent: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.live && s.userAgent === 'security-test/1.0')).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(first.refreshJwt.split('.')[2]);

    // The refresh JWT's jti names the session: revoke the first login only.
    const jti = JSON.parse(Buffer.from(first.refreshJwt.split('.')[1]!, 'base64url').toString())['jti'] as string;
    const revoked = await call(server, 'POST', routes.mgmt.notpSessionRevoke, {
      body: { sessionId: jti },
      auth: mgmtAuth(server),
    });
    expect(revoked).toMatchObject({ status: 200, body: { revoked: 1 } });
    const refreshFirst = await call(server, 'POST', routes.session.refresh, {
      auth: `Bearer ${server.projectId}:${first.refreshJwt}`,
    });
    expect(refreshFirst.status).toBe(401);
    expect(refreshFirst.body['errorCode']).toBe(errors.tokenRevoked.code);
    const refreshSecond = await call(server, 'POST', routes.session.refresh, {
      auth: `Bearer ${server.projectId}:${second.refreshJwt}`,
    });
    expect(refreshSecond.status).toBe(200);

    const after = await call(server, 'GET', `${routes.mgmt.notpSessions}?loginId=${encodeURIComponent(phone)}`, {
      auth: mgmtAuth(server),
    });
    expect((after.body['sessions'] as { live: boolean }[]).filter((s) => s.live)).toHaveLength(1);
  });

  it.each([
    { name: 'unknown user', path: () => `${routes.mgmt.notpSessions}?userId=Unobody`, status: 404 },
    { name: 'no user named', path: () => routes.mgmt.notpSessions, status: 400 },
  ])('list: $name → $status', async ({ path, status }) => {
    const r = await call(server, 'GET', path(), { auth: mgmtAuth(server) });
    expect(r.status).toBe(status);
    expect(typeof r.body['errorCode']).toBe('string');
  });

  it('revoke: an unknown session id is a 400 and needs the management key', async () => {
    const unknown = await call(server, 'POST', routes.mgmt.notpSessionRevoke, {
      body: { sessionId: 'nope' },
      auth: mgmtAuth(server),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body['errorCode']).toBe(errors.invalidArguments.code);
    const noKey = await call(server, 'POST', routes.mgmt.notpSessionRevoke, { body: { sessionId: 'nope' } });
    expect(noKey.body['errorCode']).toBe(errors.managementKeyInvalid.code);
  });
});

describe('management: keys', () => {
  it('rotates: the new kid is published beside the old one, and old tokens still refresh', async () => {
    const before = await loginWithWhatsApp(server, '+16505550712');
    const rotated = await call(server, 'POST', routes.mgmt.notpKeysRotate, { auth: mgmtAuth(server) });
    expect(rotated.status).toBe(200);
    const kid = String(rotated.body['kid']);
    const jwks = await call(server, 'GET', `/v2/keys/${server.projectId}`);
    const kids = (jwks.body['keys'] as { kid: string }[]).map((k) => k.kid);
    expect(kids).toContain(kid);
    expect(kids.length).toBeGreaterThanOrEqual(2);
    const refreshed = await call(server, 'POST', routes.session.refresh, {
      auth: `Bearer ${server.projectId}:${before.refreshJwt}`,
    });
    expect(refreshed.status).toBe(200);
    const header = JSON.parse(Buffer.from(String(refreshed.body['sessionJwt']).split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(kid);
  });
});

describe('management: audit log', () => {
  it('records sign-up, sign-in, failure, refresh, logout, logout-all, key rotation and management changes', async () => {
    const since = Date.now();
    const phone = '+16505550713';
    const up = await loginWithWhatsApp(server, phone, 'audit-agent/1');
    const inAgain = await loginWithWhatsApp(server, phone, 'audit-agent/2');
    await call(server, 'POST', routes.session.refresh, { auth: `Bearer ${server.projectId}:${inAgain.refreshJwt}` });
    await call(server, 'POST', routes.session.logout, { auth: `Bearer ${server.projectId}:${up.refreshJwt}` });
    await call(server, 'POST', routes.session.logoutAll, { auth: `Bearer ${server.projectId}:${inAgain.refreshJwt}` });
    // A failure: a login for this phone answered from another phone.
    const started = await call(server, 'POST', routes.notp.signIn, { body: { loginId: phone } });
    const { messageOf } = await import('../harness.js');
    await server.sendWhatsApp('+16505550799', messageOf(String(started.body['redirectUrl'])));
    await call(server, 'POST', routes.mgmt.userUpdateStatus, {
      body: { loginId: phone, status: 'disabled' },
      auth: mgmtAuth(server),
    });
    await call(server, 'POST', routes.mgmt.notpKeysRotate, { auth: mgmtAuth(server) });

    // Management changes are written after the answer: poll with a deadline.
    const all = await eventually(async () => {
      const page = await audit(`since=${since}&limit=1000`);
      return page.events.some((e) => e.type === 'management') ? page.events : undefined;
    });
    const mine = all.filter((e) => e.userId === up.userId || e.type === 'key-rotated');
    const types = mine.map((e) => e.type);
    for (const t of [
      'signup',
      'signin',
      'refresh',
      'logout',
      'logout-all',
      'login-failed',
      'management',
      'key-rotated',
    ]) {
      expect(types, t).toContain(t);
    }
    const signin = mine.find((e) => e.type === 'signin')!;
    expect(signin).toMatchObject({ userAgent: 'audit-agent/2', ip: '127.0.0.1' });
    expect(mine.find((e) => e.type === 'login-failed')?.reason).toBe(errors.senderMismatch.code);
    expect(mine.find((e) => e.type === 'management')?.detail).toContain(routes.mgmt.userUpdateStatus);

    // Nothing secret: no token, key, code or pendingRef anywhere in the log.
    const text = JSON.stringify(all);
    for (const secret of [up.refreshJwt, up.sessionJwt, inAgain.refreshJwt, up.pendingRef, server.managementKey]) {
      expect(text).not.toContain(secret);
    }

    // Filters and paging.
    const byType = await audit(`type=signup&userId=${up.userId}`);
    expect(byType.events.map((e) => e.type)).toEqual(['signup']);
    const page1 = await audit(`since=${since}&limit=2`);
    expect(page1.events).toHaveLength(2);
    // Newest first: each page, and the next page, goes back in time; `until` bounds the other end.
    expect(page1.events[0]!.id).toBeGreaterThan(page1.events[1]!.id);
    const page2 = await audit(`since=${since}&limit=2&cursor=${page1.next}`);
    expect(page2.events[0]!.id).toBeLessThan(page1.events[1]!.id);
    const until = page2.events[0]!.at;
    const upTo = await audit(`since=${since}&until=${until}&limit=1000`);
    expect(upTo.events.length).toBeGreaterThan(0);
    expect(upTo.events.every((e) => e.at <= until)).toBe(true);
    expect(upTo.events.map((e) => e.id)).toContain(page2.events[0]!.id);
  });

  it.each([['type=nonsense'], ['since=yesterday'], ['until=tomorrow'], ['limit=-1'], ['cursor=1e9']])(
    'rejects a bad query (%s) with a 400 catalogue error',
    async (query) => {
      const r = await call(server, 'GET', `${routes.mgmt.notpAudit}?${query}`, { auth: mgmtAuth(server) });
      expect(r.status).toBe(400);
      expect(typeof r.body['errorCode']).toBe('string');
    },
  );
});
