// The backend seed snippets (seeds/notp-backend-sdks.txt, Node), ported with only DescopeClient → NotpClient and the
// package name changed, run end to end against the real server with the simulator standing in for WhatsApp.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import DescopeClient, { type NotpNodeClient } from '../src/index.js';

let server: TestServer;
let logs: string[];
let descopeClient: NotpNodeClient;

beforeAll(async () => {
  // The seed snippets reuse one login id for every call; the per-login-id start limit (5 per 10 min) is tested in
  // packages/server/test/security, so here it is raised to let the snippets run as written.
  server = await startTestServer({ NOTP_RATE_LIMIT_START_PER_LOGIN_ID: '100' });
  process.env['NOTP_BASE_URL'] = server.url;
});
afterAll(async () => {
  delete process.env['NOTP_BASE_URL'];
  await server.close();
});

/** Runs a snippet with console.log captured (the snippets report through it). */
async function captured<T>(snippet: () => Promise<T>): Promise<T> {
  logs = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  });
  try {
    return await snippet();
  } finally {
    spy.mockRestore();
  }
}

/** The user "taps Send" in WhatsApp: the prefilled message goes to the webhook from `phone`. */
async function sendFrom(phone: string, redirectUrl: string): Promise<void> {
  const res = await server.sendWhatsApp(phone, messageOf(redirectUrl));
  expect(res.ok).toBe(true);
}

// ── "Import and initialize SDK"
async function initialize(projectId: string) {
  try {
    //  baseUrl="<URL>" // When initializing the client, you can also configure the baseUrl
    const descopeClient = DescopeClient({ projectId: projectId });
    return descopeClient;
  } catch (error) {
    // handle the error
    console.log('failed to initialize: ' + error);
  }
}

// ── "User Sign-Up"
async function userSignUp() {
  const user = { name: 'Joe Person', phone: '+15555555555', email: 'email@company.com' };
  const loginId = 'email@company.com';
  const resp = await descopeClient.notp.signUp(loginId, user);
  if (!resp.ok) {
    console.log('Failed to initialize NOTP signup');
    console.log('Status Code: ' + resp.code);
    console.log('Error Code: ' + resp.error!.errorCode);
    console.log('Error Description: ' + resp.error!.errorDescription);
    console.log('Error Message: ' + resp.error!.errorMessage);
  } else {
    console.log('Successfully initialized NOTP signup.');
    console.log(resp.data);
  }
  return resp;
}

// ── "User Sign-In"
async function userSignIn(overrides: { stepup?: boolean; mfa?: boolean } = {}, refreshToken?: string) {
  const loginId = 'email@company.com';
  const loginOptions = {
    stepup: false,
    mfa: false,
    customClaims: { claim: 'Value1' },
    templateOptions: { option: 'Value1' },
    ...overrides,
  };
  const resp = await descopeClient.notp.signIn(loginId, loginOptions, refreshToken);
  if (!resp.ok) {
    console.log('Failed to initialize NOTP Sign-In');
    console.log('Status Code: ' + resp.code);
    console.log('Error Code: ' + resp.error!.errorCode);
    console.log('Error Description: ' + resp.error!.errorDescription);
    console.log('Error Message: ' + resp.error!.errorMessage);
  } else {
    console.log('Successfully initialized NOTP Sign-In.');
    console.log(resp.data);
  }
  return resp;
}

// ── "User Sign-Up-or-In"
async function userSignUpOrIn(loginId = 'email@company.com') {
  const signUpOptions = {
    customClaims: { claim: 'Value1' },
    templateOptions: { option: 'Value1' },
  };
  const resp = await descopeClient.notp.signUpOrIn(loginId, signUpOptions);
  if (!resp.ok) {
    console.log('Failed to initialize NOTP Sign-Up or Sign-In');
    console.log('Status Code: ' + resp.code);
    console.log('Error Code: ' + resp.error!.errorCode);
    console.log('Error Description: ' + resp.error!.errorDescription);
    console.log('Error Message: ' + resp.error!.errorMessage);
  } else {
    console.log('Successfully initialized NOTP Sign-Up or Sign-In.');
    console.log(resp.data);
  }
  return resp;
}

// ── "Get Session"
async function getSession(pendingRef: string, config = { timeoutMs: 120000, pollingIntervalMs: 1000 }) {
  const sessionResp = await descopeClient.notp.waitForSession(pendingRef, config);
  if (!sessionResp.ok) {
    // Note: a timeout does NOT throw - it resolves with ok: false, so check it here.
    console.log('Failed to complete NOTP authentication');
    console.log('Status Code: ' + sessionResp.code);
    console.log('Error Code: ' + sessionResp.error!.errorCode);
    console.log('Error Description: ' + sessionResp.error!.errorDescription);
    console.log('Error Message: ' + sessionResp.error!.errorMessage);
  } else {
    const { sessionJwt, refreshJwt, user, firstSeen } = sessionResp.data!;
    console.log('Successfully authenticated via NOTP.');
    console.log('Session JWT:', sessionJwt);
    console.log('Refresh JWT:', refreshJwt);
    console.log('User ID:', user!.userId);
    console.log('First seen (new user):', firstSeen);
  }
  return sessionResp;
}

describe('backend seed snippets (Node)', () => {
  let refreshJwt: string;

  it('Import and initialize SDK', async () => {
    const bad = await captured(() => initialize('__ProjectID__'));
    expect(bad).toBeUndefined();
    expect(logs[0]).toMatch(/^failed to initialize: Error: .*projectId/);
    const client = await captured(() => initialize(server.projectId));
    expect(client).toBeDefined();
    descopeClient = client!;
    expect(descopeClient.httpClient.baseUrl).toBe(server.url);
  });

  it('User Sign-Up, then Get Session', async () => {
    const resp = await captured(userSignUp);
    expect(logs[0]).toBe('Successfully initialized NOTP signup.');
    expect(resp.data).toMatchObject({ pendingRef: expect.any(String), redirectUrl: expect.any(String) });
    expect(resp.data!.image.length).toBeGreaterThan(100);
    expect(resp.data!.redirectUrl).not.toContain(resp.data!.pendingRef);

    await sendFrom('+15555555555', resp.data!.redirectUrl);
    const session = await captured(() => getSession(resp.data!.pendingRef));
    expect(logs[0]).toBe('Successfully authenticated via NOTP.');
    expect(session.data).toMatchObject({
      firstSeen: true,
      user: { loginIds: ['email@company.com'], name: 'Joe Person' },
    });
    expect(session.data!.user).toMatchObject({ phone: '+15555555555', verifiedPhone: true });
    const info = await descopeClient.validateSession(session.data!.sessionJwt);
    expect(info.token['sub']).toBe(session.data!.user!.userId);
    refreshJwt = session.data!.refreshJwt!;
    expect(refreshJwt).toBeTruthy();
  });

  it('User Sign-Up again fails with a coded error, printed by the snippet', async () => {
    const resp = await captured(userSignUp);
    expect(resp.ok).toBe(false);
    expect(logs).toEqual([
      'Failed to initialize NOTP signup',
      `Status Code: ${errors.userAlreadyExists.status}`,
      `Error Code: ${errors.userAlreadyExists.code}`,
      `Error Description: ${errors.userAlreadyExists.description}`,
      expect.stringMatching(/^Error Message: /),
    ]);
  });

  it('User Sign-In (custom claims reach the session JWT, under nsec: the seed sets no authManagementKey)', async () => {
    const resp = await captured(() => userSignIn());
    expect(logs[0]).toBe('Successfully initialized NOTP Sign-In.');
    await sendFrom('+15555555555', resp.data!.redirectUrl);
    const session = await captured(() => getSession(resp.data!.pendingRef));
    expect(session.ok).toBe(true);
    expect(session.data!.firstSeen).toBe(false);
    const info = await descopeClient.validateSession(session.data!.sessionJwt);
    expect(info.token['nsec']).toEqual({ claim: 'Value1' });
    expect(info.token).not.toHaveProperty('claim');
    refreshJwt = session.data!.refreshJwt!;
  });

  it.each([{ mode: 'stepup' as const }, { mode: 'mfa' as const }])('User Sign-In with $mode', async ({ mode }) => {
    const resp = await captured(() => userSignIn({ [mode]: true }, refreshJwt));
    expect(resp.ok).toBe(true);
    await sendFrom('+15555555555', resp.data!.redirectUrl);
    const session = await captured(() => getSession(resp.data!.pendingRef));
    expect(session.ok).toBe(true);
    expect(session.data!.claims.amr).toContain('whatsapp');
    await descopeClient.validateSession(session.data!.sessionJwt);
  });

  it('User Sign-In with step-up but no refresh token is refused', async () => {
    const resp = await captured(() => userSignIn({ stepup: true }));
    expect(resp.ok).toBe(false);
    expect(resp.code).toBe(401);
  });

  it('User Sign-Up-or-In (existing user signs in; a new phone signs up)', async () => {
    const existing = await captured(() => userSignUpOrIn());
    expect(logs[0]).toBe('Successfully initialized NOTP Sign-Up or Sign-In.');
    await sendFrom('+15555555555', existing.data!.redirectUrl);
    const a = await captured(() => getSession(existing.data!.pendingRef));
    expect(a.data).toMatchObject({ firstSeen: false, user: { loginIds: ['email@company.com'] } });

    const fresh = await captured(() => userSignUpOrIn(''));
    await sendFrom('+15555550123', fresh.data!.redirectUrl);
    const b = await captured(() => getSession(fresh.data!.pendingRef));
    expect(b.data).toMatchObject({ firstSeen: true, user: { loginIds: ['+15555550123'] } });
  });

  it('Update User: the phone change is confirmed from the new number', async () => {
    // The seed's JS form: notp.updateUser(loginId, phone, updateOptions, refreshToken)
    const loginId = 'email@company.com';
    const phone = '+15556667777';
    const resp = await descopeClient.notp.updateUser(
      loginId,
      phone,
      { templateOptions: { greeting: 'Hi' } },
      refreshJwt,
    );
    expect(resp.ok).toBe(true);
    await sendFrom(phone, resp.data!.redirectUrl);
    const session = await captured(() => getSession(resp.data!.pendingRef));
    expect(session.data!.user).toMatchObject({ phone: '+15556667777', verifiedPhone: true });
    const me = await descopeClient.me(session.data!.refreshJwt);
    expect(me.data).toMatchObject({ phone: '+15556667777' });
  });

  it('Get Session: a timeout resolves ok:false (it does not throw)', async () => {
    const resp = await captured(() => userSignIn());
    const started = Date.now();
    const session = await captured(() =>
      getSession(resp.data!.pendingRef, { timeoutMs: 1500, pollingIntervalMs: 1000 }),
    );
    expect(session.ok).toBe(false);
    expect(session.error!.errorCode).toBe(errors.clientTimeout.code);
    expect(logs[0]).toBe('Failed to complete NOTP authentication');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('Get Session: a tampered pendingRef fails at once', async () => {
    const resp = await captured(() => userSignIn());
    const ref = resp.data!.pendingRef;
    const tampered = (ref[0] === 'A' ? 'B' : 'A') + ref.slice(1);
    const started = Date.now();
    const session = await captured(() => getSession(tampered));
    expect(session.ok).toBe(false);
    expect(session.code).toBeGreaterThanOrEqual(400);
    expect(session.code).toBeLessThan(500);
    expect(session.error!.errorCode).not.toBe(errors.clientTimeout.code);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
