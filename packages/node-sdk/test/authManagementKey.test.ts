// authManagementKey against the real server: trusted custom claims at the top level, a browser's under nsec, a wrong
// key refused, management calls unaffected, and email starts in a project that requires the key.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { NotpClient } from '../src/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ NOTP_RATE_LIMIT: 'off' });
});
afterAll(() => server.close());

/** Starts a sign-up-or-in with customClaims through `client`, completes it from `phone`; the claims, then refreshed. */
async function claimsOf(client: ReturnType<typeof NotpClient>, phone: string): Promise<Record<string, unknown>[]> {
  const started = await client.notp.signUpOrIn(phone, { customClaims: { isAdmin: true } });
  expect(started.ok).toBe(true);
  expect((await server.sendWhatsApp(phone, messageOf(started.data!.redirectUrl))).ok).toBe(true);
  const session = await client.notp.waitForSession(started.data!.pendingRef, { pollingIntervalMs: 1000 });
  expect(session.ok).toBe(true);
  const first = (await client.validateSession(session.data!.sessionJwt)).token as Record<string, unknown>;
  const refreshed = (await client.refreshSession(session.data!.refreshJwt!)).token as Record<string, unknown>;
  return [first, refreshed];
}

describe('NotpClient authManagementKey', () => {
  it('with the key: custom claims are trusted (top level), and survive a refresh', async () => {
    const client = NotpClient({
      projectId: server.projectId,
      baseUrl: server.url,
      authManagementKey: server.managementKey,
    });
    for (const claims of await claimsOf(client, '+16505552001')) {
      expect(claims['isAdmin']).toBe(true);
      expect(claims).not.toHaveProperty('nsec');
    }
  });

  it('without it: the same claims land under nsec only, also after a refresh', async () => {
    const client = NotpClient({ projectId: server.projectId, baseUrl: server.url });
    for (const claims of await claimsOf(client, '+16505552002')) {
      expect(claims['nsec']).toEqual({ isAdmin: true });
      expect(claims).not.toHaveProperty('isAdmin');
    }
  });

  it('a wrong key: the start resolves ok:false, 401 E901003', async () => {
    const client = NotpClient({ projectId: server.projectId, baseUrl: server.url, authManagementKey: 'wrong' });
    const r = await client.notp.signUpOrIn('+16505552003', { customClaims: { isAdmin: true } });
    expect(r).toMatchObject({ ok: false, code: 401, error: { errorCode: errors.managementKeyInvalid.code } });
  });

  it('management calls still authenticate with the management key alone', async () => {
    const client = NotpClient({
      projectId: server.projectId,
      baseUrl: server.url,
      managementKey: server.managementKey,
      authManagementKey: server.managementKey,
    });
    expect((await client.management.user.search({ limit: 1 })).ok).toBe(true);
  });

  it('emailLoginIdRequiresManagementKey: an email start needs the key (403 E901010 without)', async () => {
    const project = await server.deps.store.projects.get(server.projectId);
    await server.deps.store.projects.updateSettings(server.projectId, {
      ...project!.settings,
      emailLoginIdRequiresManagementKey: true,
    });
    try {
      const browser = NotpClient({ projectId: server.projectId, baseUrl: server.url });
      const refused = await browser.notp.signUpOrIn('new@example.com');
      expect(refused).toMatchObject({
        ok: false,
        code: 403,
        error: { errorCode: errors.authManagementKeyRequired.code },
      });
      const backend = NotpClient({
        projectId: server.projectId,
        baseUrl: server.url,
        authManagementKey: server.managementKey,
      });
      expect((await backend.notp.signUpOrIn('new@example.com')).ok).toBe(true);
      expect((await browser.notp.signUpOrIn('+16505552004')).ok).toBe(true);
    } finally {
      await server.deps.store.projects.updateSettings(server.projectId, project!.settings);
    }
  });
});
