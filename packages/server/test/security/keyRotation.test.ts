// Key rotation without downtime, seen by real clients: tokens signed before a rotation keep validating in our node SDK
// and in the official @descope/node-sdk (warm and cold JWKS caches) until they expire; new tokens carry the new kid;
// the old key leaves the JWKS once every token it signed has expired.
import DescopeClient from '@descope/node-sdk';
import { routes } from '@notp/core';
import { NotpClient } from '@notp/node-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ManualClock, manualClock, startTestServer, type TestServer } from '@notp/test-utils/server';
import { call, loginWithWhatsApp, mgmtAuth } from './securityKit.js';

const SESSION_TTL_SEC = 120;
const REFRESH_TTL_SEC = 3_600;

let server: TestServer;
let clock: ManualClock;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer(
    { NOTP_SESSION_TTL: String(SESSION_TTL_SEC), NOTP_REFRESH_TTL: String(REFRESH_TTL_SEC) },
    { clock },
  );
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
});

const kidOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
const publishedKids = async () =>
  ((await call(server, 'GET', `/v2/keys/${server.projectId}`)).body['keys'] as { kid: string }[]).map((k) => k.kid);

function clients() {
  return {
    ours: NotpClient({ projectId: server.projectId, baseUrl: server.url }),
    official: DescopeClient({ projectId: server.projectId, baseUrl: server.url }),
  };
}

describe('signing key rotation', () => {
  it('old tokens validate in both SDKs until they expire; new ones carry the new kid; then the old key retires', async () => {
    const before = await loginWithWhatsApp(server, '+16505550931');
    const oldKid = kidOf(before.sessionJwt);
    const warm = clients();
    // Warm caches: both SDKs have fetched the JWKS and hold the old key.
    await expect(warm.ours.validateSession(before.sessionJwt)).resolves.toBeTruthy();
    await expect(warm.official.validateSession(before.sessionJwt)).resolves.toBeTruthy();

    const rotated = await call(server, 'POST', routes.mgmt.notpKeysRotate, { auth: mgmtAuth(server) });
    const newKid = String(rotated.body['kid']);
    expect(newKid).not.toBe(oldKid);
    expect(await publishedKids()).toEqual(expect.arrayContaining([oldKid, newKid]));

    // Tokens signed before the rotation still validate: in warm caches, and in clients started after it (cold).
    const cold = clients();
    for (const sdk of [warm.ours, warm.official, cold.ours, cold.official]) {
      await expect(sdk.validateSession(before.sessionJwt)).resolves.toBeTruthy();
    }
    // The refresh JWT signed with the old key still refreshes; the new session JWT is signed with the new key and a
    // warm cache picks that kid up at once (unknown kid → refetch).
    const refreshed = await call(server, 'POST', routes.session.refresh, {
      auth: `Bearer ${server.projectId}:${before.refreshJwt}`,
    });
    expect(refreshed.status).toBe(200);
    const newSession = String(refreshed.body['sessionJwt']);
    expect(kidOf(newSession)).toBe(newKid);
    for (const sdk of [warm.ours, warm.official, cold.ours, cold.official]) {
      await expect(sdk.validateSession(newSession)).resolves.toBeTruthy();
    }

    // Until they expire: past the old session JWT's exp (and the SDKs' 5 s leeway) both SDKs refuse it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (SESSION_TTL_SEC + 10) * 1000);
    await expect(warm.ours.validateSession(before.sessionJwt)).rejects.toThrow();
    await expect(warm.official.validateSession(before.sessionJwt)).rejects.toThrow();
    vi.useRealTimers();

    // Once every token the old key signed has expired (the refresh TTL, plus leeway), the next rotation retires it.
    clock.advance((REFRESH_TTL_SEC + 10) * 1000);
    await call(server, 'POST', routes.mgmt.notpKeysRotate, { auth: mgmtAuth(server) });
    const kids = await publishedKids();
    expect(kids).not.toContain(oldKid);
    expect(kids).toContain(newKid);
  });
});
