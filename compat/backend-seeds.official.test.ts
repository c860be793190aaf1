// The backend seed's Node snippets (seeds/notp-backend-sdks.txt), run as written through the official
// @descope/node-sdk against notp: only the projectId and baseUrl differ. The user "sends" each message via the simulator.
import DescopeClient from '@descope/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

describe('backend seed snippets through the official node SDK', () => {
  let server: TestServer;
  let descopeClient: ReturnType<typeof DescopeClient>;
  const logs: string[] = [];
  const log = (...parts: unknown[]) => logs.push(parts.map(String).join(' '));

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The user taps Send in WhatsApp from `phone`, while the app waits with the seed's waitForSession snippet. */
  async function completeAs(phone: string, resp: { data?: { pendingRef: string; redirectUrl: string } }) {
    // Get Session snippet
    const pendingRef = resp.data!.pendingRef;
    const config = { timeoutMs: 120000, pollingIntervalMs: 1000 };
    const waiting = descopeClient.notp.waitForSession(pendingRef, config);
    const delivered = await server.sendWhatsApp(phone, messageOf(resp.data!.redirectUrl));
    expect(delivered.status).toBe(200);
    const sessionResp = await waiting;
    if (!sessionResp.ok) {
      log('Failed to complete NOTP authentication');
      log('Error Code: ' + sessionResp.error?.errorCode);
    } else {
      const { sessionJwt, refreshJwt, user, firstSeen } = sessionResp.data!;
      log('Successfully authenticated via NOTP.');
      log('Session JWT:', sessionJwt);
      log('Refresh JWT:', refreshJwt);
      log('User ID:', user?.userId);
      log('First seen (new user):', firstSeen);
    }
    return sessionResp;
  }

  it('Import and initialize SDK', () => {
    try {
      descopeClient = DescopeClient({ projectId: server.projectId, baseUrl: server.url });
    } catch (error) {
      log('failed to initialize: ' + error);
    }
    expect(descopeClient).toBeDefined();
  });

  it('User Sign-Up → Get Session', async () => {
    const user = { name: 'Joe Person', phone: '+15555555555', email: 'email@company.com' };
    const loginId = 'email@company.com';
    const resp = await descopeClient.notp.signUp(loginId, user);
    if (!resp.ok) {
      log('Failed to initialize NOTP signup');
      log('Error Code: ' + resp.error?.errorCode);
    } else {
      log('Successfully initialized NOTP signup.');
    }
    expect(resp.ok, JSON.stringify(resp.error)).toBe(true);
    expect(Object.keys(resp.data!).sort()).toEqual(['image', 'pendingRef', 'redirectUrl']);

    const session = await completeAs('+15555555555', resp);
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    expect(session.data!.firstSeen).toBe(true);
    expect(session.data!.user).toMatchObject({
      loginIds: ['email@company.com'],
      name: 'Joe Person',
      email: 'email@company.com',
      phone: '+15555555555',
      verifiedPhone: true,
      status: 'enabled',
    });
  });

  it('User Sign-Up fails when the login id is taken', async () => {
    const resp = await descopeClient.notp.signUp('email@company.com', { name: 'Someone Else' });
    expect(resp.ok).toBe(false);
    expect(resp.error?.errorCode).toBe('E062107');
  });

  it('User Sign-In → Get Session (custom claims land in the session JWT, under nsec: no auth management key)', async () => {
    const loginId = 'email@company.com';
    const loginOptions = {
      stepup: false,
      mfa: false,
      customClaims: { claim: 'Value1' },
      templateOptions: { option: 'Value1' },
    };
    const resp = await descopeClient.notp.signIn(loginId, loginOptions);
    expect(resp.ok, JSON.stringify(resp.error)).toBe(true);
    const session = await completeAs('+15555555555', resp);
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    expect(session.data!.firstSeen).toBe(false);
    const auth = await descopeClient.validateSession(session.data!.sessionJwt);
    // The seed's client has no authManagementKey, so its claims are untrusted: nested under nsec, as the hosted service does.
    expect(auth.token['nsec']).toEqual({ claim: 'Value1' });
    expect(auth.token).not.toHaveProperty('claim');
  });

  it('User Sign-In answered from a different phone fails the pending login (terminal error)', async () => {
    const resp = await descopeClient.notp.signIn('email@company.com', {});
    expect(resp.ok).toBe(true);
    const delivered = await server.sendWhatsApp('+16505550199', messageOf(resp.data!.redirectUrl));
    expect(delivered.status).toBe(200);
    // The official SDK keeps polling on any non-2xx until its timeout; a direct poll shows the terminal error.
    const direct = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pendingRef: resp.data!.pendingRef }),
    });
    expect(direct.status).toBe(403);
    expect((await direct.json()).errorCode).toBe('E902004');
  });

  it('User Sign-Up-or-In → Get Session (existing user signs in)', async () => {
    const loginId = 'email@company.com';
    const signUpOptions = { customClaims: { claim: 'Value1' }, templateOptions: { option: 'Value1' } };
    const resp = await descopeClient.notp.signUpOrIn(loginId, signUpOptions);
    expect(resp.ok, JSON.stringify(resp.error)).toBe(true);
    const session = await completeAs('+15555555555', resp);
    expect(session.ok).toBe(true);
    expect(session.data!.firstSeen).toBe(false);
  });

  it('User Sign-Up-or-In with an empty login id: the WhatsApp number becomes the login id', async () => {
    const resp = await descopeClient.notp.signUpOrIn('');
    expect(resp.ok, JSON.stringify(resp.error)).toBe(true);
    const session = await completeAs('+447700900123', resp);
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    expect(session.data!.user?.loginIds).toEqual(['+447700900123']);
    expect(session.data!.firstSeen).toBe(true);
  });
});
