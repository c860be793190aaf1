// Session and JWKS routes over real HTTP (real flows, SQLite, tokens), driven by fetch and by the official node SDK.
import DescopeClient from '@descope/node-sdk';
import { errors, routes, type JWTResponse } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { type FlowTestKit, makeFlowDeps } from '../../flows/notp/testing/makeFlowDeps.js';
import { issueSession } from '../../flows/sessions/issueSession.js';
import type { ProjectSettings, UserRecord } from '../../store/ports.js';

let kit: FlowTestKit;
let app: FastifyInstance;
let url: string;
let user: UserRecord;

async function start(settings: Partial<ProjectSettings> = {}) {
  kit = await makeFlowDeps(settings);
  // The official SDK checks exp against the real clock.
  kit.clock.advance(Date.now() - kit.clock.now());
  // The real application: framing, CORS, error handling and every route plugin.
  app = await buildApp(kit.deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const now = kit.clock.now();
  user = {
    projectId: kit.project.projectId,
    userId: 'U6route0000000000000000000001',
    loginIds: ['+16505551234'],
    phone: '+16505551234',
    verifiedEmail: false,
    verifiedPhone: true,
    roleNames: [],
    userTenants: [{ tenantId: 'T1', tenantName: 'Acme', roleNames: ['admin'] }],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: now,
    updatedAt: now,
  };
  await kit.deps.store.users.create(user);
  // The tenant and role the user holds exist (claims carry only those that do).
  const { authz } = kit.deps.store;
  await authz.createTenant({
    projectId: kit.project.projectId,
    tenantId: 'T1',
    name: 'Acme',
    selfProvisioningDomains: [],
    customAttributes: {},
    disabled: false,
    createdAt: now,
  });
  await authz.createRole({
    projectId: kit.project.projectId,
    name: 'admin',
    tenantId: null,
    description: '',
    permissionNames: [],
    isDefault: false,
    createdAt: now,
  });
}

afterEach(async () => {
  await app?.close();
  await kit?.close();
});

const login = async () =>
  (await issueSession(kit.deps, { project: kit.project, user, amr: ['whatsapp'], ip: '127.0.0.1' })).response;

const call = (
  method: string,
  path: string,
  opts: { token?: string; body?: string; headers?: Record<string, string> } = {},
) =>
  fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${kit.project.projectId}${opts.token ? `:${opts.token}` : ''}`,
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });

const sdk = () =>
  DescopeClient({
    projectId: kit.project.projectId,
    baseUrl: url,
    logger: { log() {}, error() {}, warn() {}, debug() {} },
  });

describe('JWKS routes', () => {
  it('serves the public keys by path, by query and by bearer, and 401 JSON for unknown projects', async () => {
    await start();
    const byPath = await fetch(`${url}/v2/keys/${kit.project.projectId}`);
    expect(byPath.status).toBe(200);
    const jwks = (await byPath.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(await (await fetch(`${url}${routes.keys.wellKnown}?projectId=${kit.project.projectId}`)).json()).toEqual(
      jwks,
    );
    expect(await (await call('GET', routes.keys.wellKnown)).json()).toEqual(jwks);

    for (const path of [`/v2/keys/P${'x'.repeat(27)}`, '/v2/keys/nope', routes.keys.wellKnown]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe(errors.projectUnknown.code);
    }
  });
});

describe('session routes with the official @descope/node-sdk', () => {
  it('validates, refreshes, reads me, selects a tenant and logs out', async () => {
    await start();
    const first = await login();
    const client = sdk();
    expect((await client.validateSession(first.sessionJwt)).token.sub).toBe(user.userId);

    const refreshed = await client.refreshSession(first.refreshJwt ?? '');
    expect(refreshed.token).toMatchObject({ sub: user.userId, drn: 'DS' });

    const me = await client.me(first.refreshJwt);
    expect(me.ok).toBe(true);
    expect(me.data).toMatchObject({ userId: user.userId, loginIds: ['+16505551234'] });

    const selected = await client.selectTenant('T1', first.refreshJwt);
    expect(selected.ok).toBe(true);
    expect(selected.data?.claims?.dct).toBe('T1');

    const history = await client.history(first.refreshJwt);
    expect(history.data).toEqual([expect.objectContaining({ userId: user.userId, ip: '127.0.0.1' })]);

    expect((await client.logout(first.refreshJwt)).ok).toBe(true);
    await expect(client.refreshSession(first.refreshJwt ?? '')).rejects.toThrow(/revoked/i);
    expect((await client.me(first.refreshJwt)).error?.errorCode).toBe(errors.tokenRevoked.code);
  });

  it('cookie delivery: the SDK takes the session from the DS cookie', async () => {
    await start({ tokenDelivery: 'cookies' });
    const first = await issueSession(kit.deps, { project: kit.project, user, amr: ['whatsapp'] });
    const dsr = first.cookies.find((c) => c.name === 'DSR')?.value ?? '';
    const res = await call('POST', routes.session.refresh, { headers: { cookie: `DSR=${dsr}` }, body: '{}' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as JWTResponse;
    expect(body.sessionJwt).toBe('');
    const setCookie = res.headers.getSetCookie();
    expect(setCookie).toEqual([expect.stringMatching(/^DS=ey[^;]+; Max-Age=\d+; Path=\/; SameSite=Strict$/)]);
    expect((await sdk().refreshSession(dsr)).token.sub).toBe(user.userId);
  });
});

describe('session routes over plain HTTP', () => {
  it('tolerates bodiless POSTs, empty JSON bodies, unknown fields and query strings', async () => {
    await start();
    const r = await login();
    for (const opts of [{}, { body: '' }, { body: '{"fpData":{"x":1},"externalToken":"e"}' }]) {
      const res = await call('POST', `${routes.session.refresh}?dcs=t&dcr=f`, { token: r.refreshJwt, ...opts });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as JWTResponse).claims.sub).toBe(user.userId);
    }
  });

  it('reads the refresh JWT from the DSR cookie and from a named cookie', async () => {
    await start();
    const r = await login();
    const byDsr = await call('GET', routes.session.me, { headers: { cookie: `DSR=${r.refreshJwt}` } });
    expect(byDsr.status).toBe(200);
    const named = await call('GET', routes.session.me, {
      headers: { cookie: `mine=${r.refreshJwt}`, 'x-descope-refresh-cookie-name': 'mine' },
    });
    expect(((await named.json()) as { userId: string }).userId).toBe(user.userId);
  });

  it.each([
    ['refresh without a token', 'POST', routes.session.refresh, undefined, 401, errors.invalidToken.code],
    ['refresh with garbage', 'POST', routes.session.refresh, 'garbage', 401, errors.invalidToken.code],
    ['me without a token', 'GET', routes.session.me, undefined, 401, errors.invalidToken.code],
    ['history with garbage', 'GET', routes.session.meHistory, 'x.y.z', 401, errors.invalidToken.code],
    ['logoutall with garbage', 'POST', routes.session.logoutAll, 'garbage', 401, errors.invalidToken.code],
  ])('%s → %i %s', async (_, method, path, token, status, code) => {
    await start();
    const res = await call(method, path, token ? { token } : {});
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({
      errorCode: code,
      errorDescription: expect.any(String),
      errorMessage: expect.any(String),
    });
  });

  it.each([
    ['try-refresh without a token', routes.session.tryRefresh, undefined],
    ['try-refresh with garbage', routes.session.tryRefresh, 'garbage'],
    ['logout without a token', routes.session.logout, undefined],
    ['logout with garbage', routes.session.logout, 'garbage'],
    ['logoutall without a token', routes.session.logoutAll, undefined],
  ])('%s → 200 {}', async (_, path, token) => {
    await start();
    const res = await call('POST', path, token ? { token } : {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it('rejects bad bodies with 4xx catalogue errors', async () => {
    await start();
    const r = await login();
    const cases: [string, string, string][] = [
      [routes.session.selectTenant, '{}', errors.missingArguments.code],
      [routes.session.selectTenant, '{"tenant":5}', errors.badRequest.code],
      [routes.session.selectTenant, '{"tenant":"T-none"}', errors.invalidArguments.code],
      [routes.session.meTenants, '{"ids":"T1"}', errors.badRequest.code],
      [routes.session.refresh, '[1]', errors.badRequest.code],
      [routes.session.refresh, '{bad json', errors.badRequest.code],
    ];
    for (const [path, body, code] of cases) {
      const res = await call('POST', path, { token: r.refreshJwt, body });
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(((await res.json()) as { errorCode: string }).errorCode, `${path} ${body}`).toBe(code);
    }
  });

  it('me/tenants answers the tenants; logoutall revokes every session', async () => {
    await start();
    const a = await login();
    const b = await login();
    const tenants = await call('POST', routes.session.meTenants, { token: a.refreshJwt, body: '{"dct":false}' });
    expect(await tenants.json()).toEqual({ tenants: [{ id: 'T1', name: 'Acme' }] });
    expect((await call('POST', routes.session.logoutAll, { token: a.refreshJwt })).status).toBe(200);
    const after = await call('POST', routes.session.refresh, { token: b.refreshJwt });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { errorCode: string }).errorCode).toBe(errors.tokenRevoked.code);
  });
});
