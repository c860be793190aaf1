// Refresh rotation, reuse detection and logout-all over HTTP, with two devices, the official node SDK as a client,
// and the audit trail they leave. (The flow-level cases, races included, are in src/flows/sessions/sessions.test.ts.)
import DescopeClient from '@descope/node-sdk';
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '@notp/test-utils/server';
import { call, loginWithWhatsApp, mgmtAuth } from './securityKit.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const project = (await server.deps.store.projects.get(server.projectId))!;
  await server.deps.store.projects.updateSettings(server.projectId, { ...project.settings, refreshRotation: true });
});
afterAll(() => server.close());

const refresh = (token: string) =>
  call(server, 'POST', routes.session.refresh, { auth: `Bearer ${server.projectId}:${token}` });

describe('rotation and reuse detection (two devices)', () => {
  it('a rotated-out token revokes its own login only; the other device keeps working; the reuse is audited', async () => {
    const phone = '+16505550951';
    const laptop = await loginWithWhatsApp(server, phone, 'laptop');
    const phoneApp = await loginWithWhatsApp(server, phone, 'phone');

    const rotated = await refresh(laptop.refreshJwt);
    expect(rotated.status).toBe(200);
    const next = String(rotated.body['refreshJwt']);
    expect(next).not.toBe(laptop.refreshJwt);

    // A thief replays the old laptop token: the whole laptop login dies, including the token the laptop now holds.
    const reuse = await refresh(laptop.refreshJwt);
    expect(reuse.status).toBe(401);
    expect(reuse.body['errorCode']).toBe(errors.tokenRevoked.code);
    expect((await refresh(next)).body['errorCode']).toBe(errors.tokenRevoked.code);
    // The official SDK sees the same: its refresh of the laptop token fails, the phone's succeeds.
    const official = DescopeClient({ projectId: server.projectId, baseUrl: server.url });
    await expect(official.refreshSession(next)).rejects.toThrow();
    const phoneRefreshed = await official.refreshSession(phoneApp.refreshJwt);
    expect(phoneRefreshed.jwt).toBeTruthy();

    const events = await eventually(async () => {
      const r = await call(server, 'GET', `${routes.mgmt.notpAudit}?type=refresh-reuse&userId=${laptop.userId}`, {
        auth: mgmtAuth(server),
      });
      const list = r.body['events'] as { type: string }[];
      return list.length > 0 ? list : undefined;
    });
    expect(events).toHaveLength(1);
  });

  it('logout-all from one device ends every login of the user, on every device; other users are untouched', async () => {
    const phone = '+16505550952';
    const a = await loginWithWhatsApp(server, phone, 'device-a');
    const b = await loginWithWhatsApp(server, phone, 'device-b');
    const other = await loginWithWhatsApp(server, '+16505550953');
    const done = await call(server, 'POST', routes.session.logoutAll, {
      auth: `Bearer ${server.projectId}:${b.refreshJwt}`,
    });
    expect(done).toMatchObject({ status: 200, body: {} });
    for (const token of [a.refreshJwt, b.refreshJwt]) {
      expect((await refresh(token)).body['errorCode']).toBe(errors.tokenRevoked.code);
      expect(
        (await call(server, 'GET', routes.session.me, { auth: `Bearer ${server.projectId}:${token}` })).status,
      ).toBe(401);
    }
    expect((await refresh(other.refreshJwt)).status).toBe(200);
    // A revoked token cannot trigger logout-all again (it is a privileged act): 401, nothing else changes.
    const again = await call(server, 'POST', routes.session.logoutAll, {
      auth: `Bearer ${server.projectId}:${a.refreshJwt}`,
    });
    expect(again.status).toBe(401);
    const sessions = await call(server, 'GET', `${routes.mgmt.notpSessions}?userId=${a.userId}`, {
      auth: mgmtAuth(server),
    });
    expect((sessions.body['sessions'] as { live: boolean }[]).some((s) => s.live)).toBe(false);
  });
});
