// Wire compatibility: the official @descope/core-js-sdk (what the official browser SDKs are built on) against notp.
import createSdk from '@descope/core-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

describe('official @descope/core-js-sdk against notp', () => {
  let server: TestServer;
  let sdk: ReturnType<typeof createSdk>;

  beforeAll(async () => {
    server = await startTestServer();
    sdk = createSdk({ projectId: server.projectId, baseUrl: server.url });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signUp with a user → waitForSession → me → refresh → logout', async () => {
    const start = await sdk.notp.signUp('+16505552000', { name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(start.ok, JSON.stringify(start.error)).toBe(true);
    const waiting = sdk.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    await server.sendWhatsApp('+16505552000', messageOf(start.data!.redirectUrl));
    const session = await waiting;
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    const jwt = session.data!;
    // The web SDK needs these to schedule refresh and to mark the user logged in.
    expect(jwt.sessionExpiration).toBeGreaterThan(Date.now() / 1000);
    expect(jwt.claims).toMatchObject({ drn: 'DS', amr: ['whatsapp'] });
    expect(jwt.cookieExpiration).toBeGreaterThan(Date.now() / 1000);
    expect(jwt.cookieExpiration).toBeLessThan(Date.now() / 1000 + 60 * 60 * 24 * 400);

    const me = await sdk.me(jwt.refreshJwt);
    expect(me.ok, JSON.stringify(me.error)).toBe(true);
    expect(me.data).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+16505552000' });

    const refreshed = await sdk.refresh(jwt.refreshJwt);
    expect(refreshed.ok, JSON.stringify(refreshed.error)).toBe(true);
    expect(refreshed.data!.sessionJwt).toBeTypeOf('string');

    const history = await sdk.history(jwt.refreshJwt);
    expect(history.ok, JSON.stringify(history.error)).toBe(true);

    expect((await sdk.logout(jwt.refreshJwt)).ok).toBe(true);
    const after = await sdk.me(jwt.refreshJwt);
    expect(after.ok).toBe(false);
    expect(after.code).toBe(401);
  });

  it('a stale refresh token on a new sign-in is ignored (the web SDK sends it on every request)', async () => {
    // A refresh JWT, however stale, has the JWT's three segments; a part 2 without them is an auth management key.
    const start = (bearerPart2: string) =>
      fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.projectId}:${bearerPart2}`, 'content-type': 'application/json' },
        body: JSON.stringify({ loginId: '' }),
      });
    expect((await start('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVIn0.c3RhbGU')).status).toBe(200);
    const notAJwt = await start('not-a-jwt');
    expect(notAJwt.status).toBe(401);
    expect((await notAJwt.json()).errorCode).toBe('E901003');
  });

  it('try-refresh without a token answers 200 {}', async () => {
    const r = await sdk.refresh(undefined, undefined, undefined, true);
    expect(r.ok).toBe(true);
  });

  it('JWKS is public with Bearer <pid> only, and publishes no private or symmetric material', async () => {
    const res = await fetch(`${server.url}/v2/keys/${server.projectId}`, {
      headers: { authorization: `Bearer ${server.projectId}` },
    });
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).toMatchObject({ use: 'sig' });
      expect(k.kid).toBeTypeOf('string');
      expect(k.kty).not.toBe('oct');
      expect(k.d).toBeUndefined();
    }
  });
});
