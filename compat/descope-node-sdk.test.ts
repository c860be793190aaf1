// Wire compatibility: the official @descope/node-sdk (npm, unmodified) drives a real notp server by baseUrl.
import DescopeClient from '@descope/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

const PHONE = '+16505551234';

describe('official @descope/node-sdk against notp', () => {
  let server: TestServer;
  let client: ReturnType<typeof DescopeClient>;

  beforeAll(async () => {
    server = await startTestServer();
    client = DescopeClient({ projectId: server.projectId, baseUrl: server.url });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signUpOrIn → WhatsApp message → waitForSession → validateSession → refreshSession → logout', async () => {
    const start = await client.notp.signUpOrIn(PHONE);
    expect(start.ok, JSON.stringify(start.error)).toBe(true);
    const { pendingRef, redirectUrl, image } = start.data!;
    expect(pendingRef.length).toBeGreaterThanOrEqual(22);
    expect(redirectUrl).not.toContain(pendingRef);
    expect(Buffer.from(image, 'base64').subarray(1, 4).toString()).toBe('PNG');

    const waiting = client.notp.waitForSession(pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    const sent = await server.sendWhatsApp(PHONE, messageOf(redirectUrl));
    expect(sent.status).toBe(200);
    const session = await waiting;
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    const { sessionJwt, refreshJwt, user, firstSeen } = session.data!;
    expect(user?.loginIds).toEqual([PHONE]);
    expect(user?.verifiedPhone).toBe(true);
    expect(firstSeen).toBe(true);

    const auth = await client.validateSession(sessionJwt);
    expect(auth.token.sub).toBe(user?.userId);
    expect(auth.token.amr).toEqual(['whatsapp']);

    const refreshed = await client.refreshSession(refreshJwt!);
    expect(refreshed.jwt).toBeTypeOf('string');
    expect(refreshed.token.sub).toBe(user?.userId);

    const out = await client.logout(refreshJwt!);
    expect(out.ok, JSON.stringify(out.error)).toBe(true);
    // Logout revoked the refresh token server-side.
    await expect(client.refreshSession(refreshJwt!)).rejects.toThrow();
  });

  it('validateSession rejects a tampered session token', async () => {
    const start = await client.notp.signUpOrIn('+16505551235');
    expect(start.ok).toBe(true);
    const waiting = client.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    await server.sendWhatsApp('+16505551235', messageOf(start.data!.redirectUrl));
    const session = await waiting;
    expect(session.ok).toBe(true);
    const [h, p, s] = session.data!.sessionJwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.sub = 'U0000000000000000000000000000';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expect(client.validateSession(forged)).rejects.toThrow();
    await expect(client.validateSession(session.data!.sessionJwt)).resolves.toBeTruthy();
  });

  it('a pending ref is consumed once: a late poll after success fails', async () => {
    const start = await client.notp.signUpOrIn('+16505551236');
    const waiting = client.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    await server.sendWhatsApp('+16505551236', messageOf(start.data!.redirectUrl));
    expect((await waiting).ok).toBe(true);
    const again = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pendingRef: start.data!.pendingRef }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect((await again.json()).errorCode).toMatch(/^E\d{6}$/);
  });

  it('waitForSession times out with ok:false when nobody sends the message', async () => {
    const start = await client.notp.signUpOrIn('+16505551237');
    const session = await client.notp.waitForSession(start.data!.pendingRef, {
      pollingIntervalMs: 1000,
      timeoutMs: 2_500,
    });
    expect(session.ok).toBe(false);
  });

  it.each([
    ['configured with authManagementKey: customClaims at the top level', true, '+16505551238'],
    ['without it: the same customClaims under nsec', false, '+16505551239'],
  ] as const)('%s', async (_name, withKey, phone) => {
    const backend = withKey
      ? DescopeClient({ projectId: server.projectId, baseUrl: server.url, authManagementKey: server.managementKey })
      : client;
    const start = await backend.notp.signUpOrIn(phone, { customClaims: { isAdmin: true, plan: 'pro' } });
    expect(start.ok, JSON.stringify(start.error)).toBe(true);
    const waiting = backend.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    await server.sendWhatsApp(phone, messageOf(start.data!.redirectUrl));
    const session = await waiting;
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    for (const token of [
      (await backend.validateSession(session.data!.sessionJwt)).token,
      (await backend.refreshSession(session.data!.refreshJwt!)).token,
    ]) {
      if (withKey) {
        expect(token).toMatchObject({ isAdmin: true, plan: 'pro' });
        expect(token).not.toHaveProperty('nsec');
      } else {
        expect(token['nsec']).toEqual({ isAdmin: true, plan: 'pro' });
        expect(token).not.toHaveProperty('isAdmin');
      }
    }
  });

  it('configured with a wrong authManagementKey: the start fails with 401 E901003', async () => {
    const wrong = DescopeClient({ projectId: server.projectId, baseUrl: server.url, authManagementKey: 'wrong-key' });
    const start = await wrong.notp.signUpOrIn('+16505551240', { customClaims: { isAdmin: true } });
    expect(start).toMatchObject({ ok: false, code: 401, error: { errorCode: 'E901003' } });
  });
});
