// The nOTP routes over HTTP (Fastify inject, real flows and SQLite): schemas, bearer handling, Prefer: wait, shutdown.
import cookie from '@fastify/cookie';
import { errors, routes } from '@notp/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import { receiveMessage } from '../../flows/notp/receiveMessage.js';
import { type FlowTestKit, inbound, makeFlowDeps, prefilledTextOf } from '../../flows/notp/testing/makeFlowDeps.js';
import { registerErrorHandling } from '../errorHandler.js';
import { notpRoutes, preferredWait } from './notp.js';

describe('preferredWait (RFC 7240)', () => {
  it.each([
    [undefined, undefined],
    ['wait=10', 10],
    ['WAIT = 5', 5],
    ['respond-async, wait=7', 7],
    ['wait="3"', 3],
    ['wait=12; foo=bar', 12],
    [['handling=lenient', 'wait=4'], 4],
    ['wait=31', 30],
    ['wait=999999', 30],
    ['wait=0', undefined],
    ['wait=-1', undefined],
    ['wait=abc', undefined],
    ['wait=1.5', undefined],
    ['waiting=5', undefined],
    ['', undefined],
  ])('%j → %s', (header, expected) => {
    expect(preferredWait(header as string | string[] | undefined)).toBe(expected);
  });
});

const KEY = 'the-projects-management-key';

describe('nOTP routes', () => {
  let kit: FlowTestKit;
  let app: FastifyInstance;
  let bearer: string;

  beforeEach(async () => {
    kit = await makeFlowDeps();
    // Same validation options as buildApp: no type coercion (a number is not a loginId).
    app = Fastify({
      logger: false,
      forceCloseConnections: false,
      ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    });
    registerErrorHandling(app);
    await app.register(cookie);
    await app.register(notpRoutes, { deps: kit.deps });
    await app.ready();
    bearer = `Bearer ${kit.project.projectId}`;
  });
  afterEach(async () => {
    await app.close();
    await kit.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: bearer, ...headers } });

  it('sign-up → message → pending-session over HTTP, tokens exactly once', async () => {
    const start = await post(routes.notp.signUp, { loginId: '+1 650 555 1234', user: { name: 'Joe' }, fpData: 'x' });
    expect(start.statusCode).toBe(200);
    const { pendingRef, redirectUrl, image } = start.json() as Record<string, string>;
    expect(Object.keys(start.json() as object).sort()).toEqual(['image', 'pendingRef', 'redirectUrl']);
    expect(image).toBeTruthy();
    const pending = await post(routes.notp.pendingSession, { pendingRef });
    expect(pending.statusCode).toBe(401);
    expect(pending.json()).toMatchObject({ errorCode: errors.notpPending.code });
    expect(pending.headers['preference-applied']).toBeUndefined();

    await receiveMessage(kit.deps, inbound(kit, '16505551234', prefilledTextOf(redirectUrl ?? '')));
    const done = await post(routes.notp.pendingSession, { pendingRef });
    expect(done.statusCode).toBe(200);
    const body = done.json() as { sessionJwt: string; user: { loginIds: string[]; name: string }; firstSeen: boolean };
    expect(body.sessionJwt.split('.')).toHaveLength(3);
    expect(body.user).toMatchObject({ loginIds: ['+16505551234'], name: 'Joe' });
    expect(body.firstSeen).toBe(true);
    expect(done.headers['cache-control']).toBe('no-store');
    const again = await post(routes.notp.pendingSession, { pendingRef });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ errorCode: errors.pendingAlreadyUsed.code });
  });

  it.each([
    ['loginId of the wrong type', routes.notp.signUp, { loginId: 5 }, 400],
    ['user field of the wrong type', routes.notp.signUp, { loginId: '', user: { name: 1 } }, 400],
    ['stepup of the wrong type', routes.notp.signIn, { loginId: '', loginOptions: { stepup: 'yes' } }, 400],
    ['unknown qrFormat', routes.notp.signUpOrIn, { loginId: '', loginOptions: { qrFormat: 'gif' } }, 400],
    [
      'templateOptions of the wrong type',
      routes.notp.signIn,
      { loginId: '', loginOptions: { templateOptions: { a: 1 } } },
      400,
    ],
    ['update phone of the wrong type', routes.notp.update, { loginId: '', phone: 123 }, 400],
    ['pendingRef missing', routes.notp.pendingSession, {}, 400],
    ['pendingRef empty', routes.notp.pendingSession, { pendingRef: '' }, 400],
    ['pendingRef too long', routes.notp.pendingSession, { pendingRef: 'x'.repeat(201) }, 400],
    ['impossible phone', routes.notp.signUp, { loginId: '+1' }, 400],
    ['sign-in of an unknown user', routes.notp.signIn, { loginId: '+16505550000' }, 404],
    ['update without a token', routes.notp.update, { loginId: '' }, 401],
    ['unknown pendingRef', routes.notp.pendingSession, { pendingRef: 'nope' }, 404],
  ])('%s → 4xx with a catalogue body, nothing stored', async (_name, url, payload, status) => {
    const res = await post(url, payload);
    expect(res.statusCode).toBe(status);
    const body = res.json() as { errorCode: string; errorDescription: string; errorMessage: string };
    expect(body.errorCode).toMatch(/^E\d{6}$/);
    expect(body.errorDescription).toBeTruthy();
    expect((await kit.deps.store.users.search(kit.project.projectId, {})).total).toBe(0);
  });

  it('an omitted loginId means "the sender becomes the login id"', async () => {
    const res = await post(routes.notp.signUp, {});
    expect(res.statusCode).toBe(200);
  });

  it('a missing or unknown project is refused', async () => {
    const none = await app.inject({ method: 'POST', url: routes.notp.signUp, payload: { loginId: '' } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ errorCode: errors.projectUnknown.code });
  });

  it('a stale token in the bearer does not break a plain sign-in (CONTRACT §1)', async () => {
    const res = await post(routes.notp.signUpOrIn, { loginId: '' }, { authorization: `${bearer}:not.a.jwt` });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['no key (a browser)', (b: string, _jwt: string) => b, 'nsec'],
    ['key as part 2 (the official node SDK, no refresh JWT)', (b: string) => `${b}:${KEY}`, 'top'],
    ['key as part 3 after a refresh JWT', (b: string, jwt: string) => `${b}:${jwt}:${KEY}`, 'top'],
    ['a stale refresh JWT only (web SDK)', (b: string, jwt: string) => `${b}:${jwt}`, 'nsec'],
  ] as const)('custom claims, %s', async (_name, auth, where) => {
    await kit.deps.store.projects.setManagementKeyHash(kit.project.projectId, sha256Hex(KEY));
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVIn0.c2ln';
    const start = await post(
      routes.notp.signUpOrIn,
      { loginId: '', loginOptions: { customClaims: { isAdmin: true } } },
      { authorization: auth(bearer, jwt) },
    );
    expect(start.statusCode).toBe(200);
    const { pendingRef, redirectUrl } = start.json() as Record<string, string>;
    await receiveMessage(kit.deps, inbound(kit, '16505551234', prefilledTextOf(redirectUrl ?? '')));
    const { claims } = (await post(routes.notp.pendingSession, { pendingRef })).json() as {
      claims: Record<string, unknown>;
    };
    if (where === 'top') expect(claims).toMatchObject({ isAdmin: true });
    else expect(claims).toMatchObject({ nsec: { isAdmin: true } });
    expect(claims).not.toHaveProperty(where === 'top' ? 'nsec' : 'isAdmin');
  });

  it.each([
    ['part 2', (b: string) => `${b}:wrong-key`],
    ['part 3', (b: string) => `${b}:eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVIn0.c2ln:wrong-key`],
  ])('a wrong auth management key (%s) → 401 E901003, nothing stored', async (_name, auth) => {
    await kit.deps.store.projects.setManagementKeyHash(kit.project.projectId, sha256Hex(KEY));
    const res = await post(
      routes.notp.signUp,
      { loginId: '', loginOptions: { customClaims: { isAdmin: true } } },
      { authorization: auth(bearer) },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errorCode: errors.managementKeyInvalid.code });
  });

  it('update reads the refresh token from the DSR cookie too', async () => {
    const res = await post(routes.notp.update, { loginId: '' }, { cookie: 'DSR=not.a.jwt' });
    expect(res.json()).toMatchObject({ errorCode: errors.invalidToken.code });
  });

  it('Prefer: wait → held, answered with tokens on verification, Preference-Applied echoed', async () => {
    const start = (await post(routes.notp.signUp, { loginId: '' })).json() as Record<string, string>;
    const held = post(routes.notp.pendingSession, { pendingRef: start.pendingRef }, { prefer: 'wait=30' });
    const bus = kit.deps.events as unknown as { listenerCount(): number };
    const deadline = Date.now() + 2000;
    while (bus.listenerCount() === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(bus.listenerCount()).toBe(1);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', prefilledTextOf(start.redirectUrl ?? '')));
    const res = await held;
    expect(res.statusCode).toBe(200);
    expect(res.headers['preference-applied']).toBe('wait=30');
  });

  it('Prefer: wait that elapses → 401 E066103 with Preference-Applied', async () => {
    const start = (await post(routes.notp.signUp, { loginId: '' })).json() as Record<string, string>;
    const res = await post(routes.notp.pendingSession, { pendingRef: start.pendingRef }, { prefer: 'wait=1' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errorCode: errors.notpPending.code });
    expect(res.headers['preference-applied']).toBe('wait=1');
  });

  it('closing the app answers held long-polls at once with E066103', async () => {
    const start = (await post(routes.notp.signUp, { loginId: '' })).json() as Record<string, string>;
    const held = post(routes.notp.pendingSession, { pendingRef: start.pendingRef }, { prefer: 'wait=30' });
    const bus = kit.deps.events as unknown as { listenerCount(): number };
    const deadline = Date.now() + 2000;
    while (bus.listenerCount() === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    const t0 = Date.now();
    await app.close();
    const res = await held;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errorCode: errors.notpPending.code });
  });
});
