// @vitest-environment jsdom
// NotpSdk end to end against a contract-shaped local server: the seed snippets' flow, tokens, hooks, refresh, logout.
import { errors } from '@notp/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import NotpSdkDefault, { NotpSdk } from './index.js';
import { SDK_VERSION } from './sdkVersion.js';
import { type ContractServer, startContractServer, TEST_PROJECT_ID, TEST_USER } from '@notp/test-utils/contract';

let server: ContractServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  server.requests.length = 0;
  server.sessionTtlSec = 600;
});

const make = (options: Partial<Parameters<typeof NotpSdk>[0]> = {}) =>
  NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false, ...options });

/** Runs the seed's flow: signUpOrIn → (user sends the WhatsApp message) → waitForSession. */
async function signIn(sdk: ReturnType<typeof make>) {
  const resp = await sdk.notp.signUpOrIn('+16505551234', { customClaims: { claim: 'Value1' } });
  expect(resp.ok).toBe(true);
  const pendingRef = resp.data!.pendingRef;
  const waiting = sdk.notp.waitForSession(pendingRef, { timeoutMs: 120000, pollingIntervalMs: 1000 });
  // Let the long-poll reach the server before the message "arrives".
  const deadline = Date.now() + 5000;
  while (!server.requests.some((r) => r.path.endsWith('/pending-session')) && Date.now() < deadline) {
    await new Promise((r) => setImmediate(r));
  }
  server.verify(pendingRef);
  const sessionResp = await waiting;
  expect(sessionResp.ok).toBe(true);
  return sessionResp.data!;
}

describe('NotpSdk construction', () => {
  it('is the default export and needs a valid project id', () => {
    expect(NotpSdkDefault).toBe(NotpSdk);
    expect(() => NotpSdk({} as never)).toThrow(/projectId/);
    expect(() => NotpSdk({ projectId: 'nope' })).toThrow(/projectId/);
  });

  it('refuses oidcConfig with a clear message', () => {
    expect(() => make({ oidcConfig: { applicationId: 'x' } })).toThrow(/oidcConfig/);
  });

  it('accepts every option of the seed docs', () => {
    const sdk = NotpSdk({
      projectId: TEST_PROJECT_ID,
      baseUrl: server.url,
      baseStaticUrl: 'https://static.example.com',
      baseCdnUrl: 'https://assets.app.example.com',
      persistTokens: true,
      autoRefresh: true,
      sessionTokenViaCookie: false,
      storeLastAuthenticatedUser: true,
      keepLastAuthenticatedUserAfterLogout: false,
    });
    expect(typeof sdk.notp.signUp).toBe('function');
  });
});

describe('the seed flow', () => {
  it('signs in with a long-poll and persists the session, firing the hooks', async () => {
    const sdk = make();
    const seen: string[] = [];
    sdk.onSessionTokenChange((t) => seen.push(`token:${t ? 'set' : 'null'}`));
    sdk.onUserChange((u) => seen.push(`user:${u?.userId ?? 'null'}`));
    sdk.onIsAuthenticatedChange((a) => seen.push(`auth:${a}`));
    const session = await signIn(sdk);

    const polls = server.requests.filter((r) => r.path.endsWith('/pending-session'));
    expect(polls[0]?.prefer).toMatch(/^wait=\d+$/);
    expect(polls).toHaveLength(1); // held until verified, not polled every second
    expect(localStorage.getItem('DS')).toBe(session.sessionJwt);
    expect(localStorage.getItem('DSR')).toBe(session.refreshJwt);
    expect(localStorage.getItem('DSLI')).toBe(String(session.sessionExpiration));
    expect(sdk.getSessionToken()).toBe(session.sessionJwt);
    expect(sdk.getRefreshToken()).toBe(session.refreshJwt);
    expect(sdk.getUser()?.userId).toBe(TEST_USER.userId);
    expect(seen).toEqual(['token:set', 'auth:true', `user:${TEST_USER.userId}`]);
  });

  it('answers ok:false with the catalogue code on a start error, never rejecting', async () => {
    const sdk = make();
    server.failNext('/v1/auth/notp/whatsapp/signup', errors.userAlreadyExists);
    const resp = await sdk.notp.signUp('+15555555555', { name: 'Joe Person', phone: '+15555555555' });
    expect(resp.ok).toBe(false);
    expect(resp.code).toBe(409);
    expect(resp.error?.errorCode).toBe(errors.userAlreadyExists.code);
  });

  it('sends the SDK name and version', async () => {
    await make().notp.signIn('+16505551234');
    const auth = server.requests.at(-1);
    expect(auth?.authorization).toBe(`Bearer ${TEST_PROJECT_ID}`); // no stale refresh token on a plain sign-in
    expect(SDK_VERSION).toBe((await import('../package.json', { with: { type: 'json' } })).default.version);
  });
});

describe('session methods use the stored refresh token', () => {
  it('refresh, me and logout carry it; logout clears storage and notifies', async () => {
    const sdk = make();
    const session = await signIn(sdk);
    const refreshed = await sdk.refresh();
    expect(refreshed.ok).toBe(true);
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${TEST_PROJECT_ID}:${session.refreshJwt}`);
    expect(localStorage.getItem('DS')).toBe(refreshed.data!.sessionJwt);

    const me = await sdk.me();
    expect(me.data?.userId).toBe(TEST_USER.userId);

    const events: unknown[] = [];
    sdk.onSessionTokenChange((t) => events.push(t));
    sdk.onIsAuthenticatedChange((a) => events.push(a));
    await sdk.logout();
    expect(localStorage.getItem('DS')).toBeNull();
    expect(localStorage.getItem('DSR')).toBeNull();
    expect(localStorage.getItem('DSLI')).toBeNull();
    expect(sdk.getSessionToken()).toBe('');
    expect(events).toEqual([null, false]);
  });

  it('drops local state when the server says the session is gone (4xx), not on 429', async () => {
    const sdk = make();
    await signIn(sdk);
    server.failNext('/v1/auth/refresh', errors.rateLimited);
    expect((await sdk.refresh()).code).toBe(429);
    expect(sdk.getSessionToken()).not.toBe('');

    server.revokeAll();
    const gone: unknown[] = [];
    sdk.onSessionTokenChange((t) => gone.push(t));
    const resp = await sdk.refresh();
    expect(resp.ok).toBe(false);
    expect(resp.code).toBe(401);
    expect(localStorage.getItem('DSR')).toBeNull();
    expect(gone).toEqual([null]);
  });

  it('tryRefresh makes no request when nobody signed in here, and refreshes when the indicator is set', async () => {
    const sdk = make();
    const skipped = await sdk.tryRefresh();
    expect(skipped).toEqual({ ok: true, data: {} });
    expect(server.requests).toHaveLength(0);

    await signIn(make());
    const restored = make(); // a new page load
    const resp = await restored.tryRefresh();
    expect(resp.ok).toBe(true);
    expect(server.requests.at(-1)?.path).toBe('/v1/auth/try-refresh');
    expect(restored.getSessionToken()).toBe((resp.data as { sessionJwt: string }).sessionJwt);
  });
});

describe('persistTokens, sessionTokenViaCookie and storagePrefix', () => {
  it('persistTokens:false keeps tokens in memory only (the indicator stays)', async () => {
    const sdk = make({ persistTokens: false });
    const session = await signIn(sdk);
    expect(localStorage.getItem('DS')).toBeNull();
    expect(localStorage.getItem('DSR')).toBeNull();
    expect(localStorage.getItem('DSLI')).toBe(String(session.sessionExpiration));
    expect(sdk.getSessionToken()).toBe(session.sessionJwt);
    await sdk.refresh();
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${TEST_PROJECT_ID}:${session.refreshJwt}`);
  });

  it('sessionTokenViaCookie puts the session token in the DS cookie, not localStorage', async () => {
    const sdk = make({ sessionTokenViaCookie: true });
    const session = await signIn(sdk);
    expect(localStorage.getItem('DS')).toBeNull();
    expect(document.cookie).toContain(`DS=${session.sessionJwt}`);
    expect(sdk.getSessionToken()).toBe(session.sessionJwt);
    expect(localStorage.getItem('DSR')).toBe(session.refreshJwt);
    await sdk.logout();
    expect(document.cookie).not.toContain('DS=');
  });

  it('storagePrefix prefixes every key', async () => {
    const sdk = make({ storagePrefix: 'app1.' });
    await signIn(sdk);
    const keys = Object.keys(localStorage).sort();
    expect(keys).toEqual([
      'app1.DS',
      'app1.DSLI',
      'app1.DSR',
      'app1.dls_last_user',
      'app1.dls_last_user_display_name',
      'app1.dls_last_user_login_id',
    ]);
  });

  it('customStorage replaces localStorage', async () => {
    const items = new Map<string, string>();
    const customStorage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    const session = await signIn(make({ customStorage }));
    expect(items.get('DS')).toBe(session.sessionJwt);
    expect(localStorage.length).toBe(0);
    expect(() => make({ customStorage: { getItem: () => null } as never })).toThrow(/setItem/);
  });
});

describe('last authenticated user', () => {
  const table = [
    { store: true, keep: false, afterLogout: undefined, stored: true },
    { store: true, keep: true, afterLogout: TEST_USER.userId, stored: true },
    { store: false, keep: false, afterLogout: undefined, stored: false },
  ];
  for (const c of table) {
    it(`storeLastAuthenticatedUser=${c.store}, keepLastAuthenticatedUserAfterLogout=${c.keep}`, async () => {
      const sdk = make({ storeLastAuthenticatedUser: c.store, keepLastAuthenticatedUserAfterLogout: c.keep });
      await signIn(sdk);
      expect(sdk.getUser()?.userId).toBe(TEST_USER.userId);
      expect(localStorage.getItem('dls_last_user_login_id')).toBe(c.stored ? '+16505551234' : null);
      expect(sdk.getLastUserDisplayName()).toBe(c.stored ? 'Joe Person' : '');
      await sdk.logout();
      expect(sdk.getUser()?.userId).toBe(c.afterLogout);
      expect(sdk.getLastUserLoginId()).toBe(c.keep ? '+16505551234' : '');
    });
  }
});

describe('notifications', () => {
  it('unsubscribe stops a callback; a throwing subscriber does not stop the others', async () => {
    const errorsSeen: unknown[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (...a: unknown[]) => errorsSeen.push(a) };
    const sdk = make({ logger });
    const calls: string[] = [];
    const off = sdk.onSessionTokenChange(() => calls.push('a'));
    sdk.onSessionTokenChange(() => {
      throw new Error('subscriber bug');
    });
    sdk.onSessionTokenChange(() => calls.push('c'));
    sdk.onClaimsChange((claims) => calls.push(`claims:${claims?.sub}`));
    await signIn(sdk);
    off();
    await sdk.refresh();
    expect(calls).toEqual(['a', 'c', `claims:${TEST_USER.userId}`, 'c', `claims:${TEST_USER.userId}`]);
    expect(errorsSeen).toHaveLength(2);
  });
});
