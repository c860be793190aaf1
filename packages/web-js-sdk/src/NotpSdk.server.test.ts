// @vitest-environment node
// NotpSdk against the real notp server (simulator provider, temp SQLite): the whole login, refresh, me and logout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { createMemoryStorage } from './internal/KeyValueStorage.js';
import { NotpSdk } from './NotpSdk.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('NotpSdk with the real server', () => {
  it('signs up or in over WhatsApp, waits by long-poll, refreshes, reads me, logs out', async () => {
    const storage = createMemoryStorage();
    const sdk = NotpSdk({
      projectId: server.projectId,
      baseUrl: server.url,
      customStorage: storage,
      autoRefresh: false,
    });
    const tokens: (string | null)[] = [];
    sdk.onSessionTokenChange((t) => tokens.push(t));

    const start = await sdk.notp.signUpOrIn('+16505551234');
    expect(start.ok).toBe(true);
    const waiting = sdk.notp.waitForSession(start.data!.pendingRef, { timeoutMs: 20_000 });
    const sent = await server.sendWhatsApp('+16505551234', messageOf(start.data!.redirectUrl));
    expect(sent.status).toBe(200);
    const session = await waiting;
    expect(session.ok).toBe(true);
    expect(session.data?.user?.loginIds).toEqual(['+16505551234']);
    expect(storage.getItem('DS')).toBe(session.data?.sessionJwt);
    expect(storage.getItem('DSR')).toBe(session.data?.refreshJwt);
    expect(tokens).toEqual([session.data?.sessionJwt]);

    const refreshed = await sdk.refresh();
    expect(refreshed.ok).toBe(true);
    expect(sdk.getSessionToken()).toBe(refreshed.data?.sessionJwt);
    const me = await sdk.me();
    expect(me.data?.phone).toBe('+16505551234');

    await sdk.logout();
    expect(storage.getItem('DSR')).toBeNull();
    const after = NotpSdk({ projectId: server.projectId, baseUrl: server.url, customStorage: storage });
    expect((await after.me(session.data?.refreshJwt)).ok).toBe(false); // revoked server-side
  });
});
