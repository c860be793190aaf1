// Several projects on one server: a second project made by the createProject flow is isolated from the first —
// management keys, users, roles, tokens (refresh and validation) and JWKS — over real HTTP and the official SDK.
import DescopeClient from '@descope/node-sdk';
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreatedProject, createProject } from '../../src/projects/createProject.js';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

let server: TestServer;
let b: CreatedProject;

beforeAll(async () => {
  server = await startTestServer();
  b = await createProject(server.deps, 'Shop B');
});
afterAll(() => server.close());

async function call(method: string, path: string, projectId: string, key: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${projectId}:${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const asA = (method: string, path: string, body?: unknown) =>
  call(method, path, server.projectId, server.managementKey, body);
const asB = (method: string, path: string, body?: unknown) =>
  call(method, path, b.project.projectId, b.managementKey, body);

async function login(projectId: string, phone: string) {
  const client = DescopeClient({ projectId, baseUrl: server.url });
  const start = await client.notp.signUpOrIn(phone);
  expect(start.ok, JSON.stringify(start.error)).toBe(true);
  const waiting = client.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
  expect((await server.sendWhatsApp(phone, messageOf(start.data!.redirectUrl))).status).toBe(200);
  const session = await waiting;
  expect(session.ok, JSON.stringify(session.error)).toBe(true);
  return { client, sessionJwt: session.data!.sessionJwt, refreshJwt: session.data!.refreshJwt! };
}

describe('several projects on one server', () => {
  it('createProject: a new id, its name as the app name, a key shown once (stored hashed), a key, the built-in role', async () => {
    expect(b.project.projectId).toMatch(/^P[A-Za-z0-9]{27}$/);
    expect(b.project.projectId).not.toBe(server.projectId);
    const stored = await server.deps.store.projects.get(b.project.projectId);
    expect(stored).toMatchObject({ name: 'Shop B', settings: { allowedOrigins: [] } });
    expect(stored?.managementKeyHash).not.toContain(b.managementKey);
    expect(await server.deps.store.keys.getActive(b.project.projectId)).not.toBeNull();
    expect((await asB('GET', '/v1/mgmt/role/all')).body).toMatchObject({ roles: [{ name: 'console-admin' }] });
    await expect(createProject(server.deps, '  ')).rejects.toMatchObject({ def: errors.invalidProjectName });
  });

  it("a project's management key opens that project only", async () => {
    expect((await asB('GET', '/v1/mgmt/license')).status).toBe(200);
    const crossed = [
      await call('GET', '/v1/mgmt/license', b.project.projectId, server.managementKey),
      await call('GET', '/v1/mgmt/license', server.projectId, b.managementKey),
    ];
    for (const r of crossed) {
      expect(r.status).toBe(401);
      expect(r.body['errorCode']).toBe(errors.managementKeyInvalid.code);
    }
  });

  it('users, roles, permissions and tenants of one project are invisible to the other', async () => {
    expect((await asA('POST', '/v1/mgmt/role/create', { name: 'a-only' })).status).toBe(200);
    expect((await asA('POST', '/v1/mgmt/permission/create', { name: 'a.perm' })).status).toBe(200);
    expect((await asA('POST', '/v1/mgmt/tenant/create', { id: 'TA', name: 'A tenant' })).status).toBe(200);
    const created = await asA('POST', '/v1/mgmt/user/create', { loginId: '+16505554001', roleNames: ['a-only'] });
    expect(created.status).toBe(200);
    const userId = (created.body['user'] as { userId: string }).userId;

    expect((await asB('GET', '/v1/mgmt/user?loginId=%2B16505554001')).status).toBe(404);
    expect((await asB('GET', `/v1/mgmt/user?userId=${userId}`)).status).toBe(404);
    expect((await asB('POST', '/v2/mgmt/user/search', {})).body).toEqual({ users: [], total: 0 });
    expect((await asB('GET', '/v1/mgmt/permission/all')).body).toEqual({ permissions: [] });
    expect((await asB('GET', '/v1/mgmt/tenant/all')).body).toEqual({ tenants: [] });
    expect((await asB('GET', '/v1/mgmt/tenant?id=TA')).status).toBe(404);
    // B cannot give its user A's role, nor touch A's user.
    expect(
      (await asB('POST', '/v1/mgmt/user/create', { loginId: '+16505554001', roleNames: ['a-only'] })).body,
    ).toMatchObject({
      errorCode: errors.roleNotFound.code,
    });
    expect((await asB('POST', '/v1/mgmt/user/delete', { userId })).body['errorCode']).toBe(
      errors.mgmtUserNotFound.code,
    );
    expect((await asA('GET', `/v1/mgmt/user?userId=${userId}`)).status).toBe(200);
    expect((await asB('GET', `/v1/mgmt/notp/sessions?userId=${userId}`)).status).toBe(404);
  });

  it('tokens of one project never validate or refresh for another; each has its own JWKS', async () => {
    const phone = '+16505554002';
    const a = await login(server.projectId, phone);
    const inB = await login(b.project.projectId, phone);
    expect((await a.client.validateSession(a.sessionJwt)).token.sub).toBeTypeOf('string');

    const jwksA = (await (await fetch(`${server.url}/v2/keys/${server.projectId}`)).json()) as {
      keys: { kid: string }[];
    };
    const jwksB = (await (await fetch(`${server.url}/v2/keys/${b.project.projectId}`)).json()) as {
      keys: { kid: string }[];
    };
    const kidsA = new Set(jwksA.keys.map((k) => k.kid));
    expect(jwksB.keys.length).toBeGreaterThan(0);
    expect(jwksB.keys.some((k) => kidsA.has(k.kid))).toBe(false);

    // Project B's client refuses A's tokens, and the server refuses A's refresh token presented for B.
    await expect(inB.client.validateSession(a.sessionJwt)).rejects.toThrow();
    await expect(inB.client.refreshSession(a.refreshJwt)).rejects.toThrow();
    const res = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.project.projectId}:${a.refreshJwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe(errors.invalidToken.code);
    // The same phone is two different users, one per project.
    const subA = (await a.client.validateSession(a.sessionJwt)).token.sub;
    const subB = (await inB.client.validateSession(inB.sessionJwt)).token.sub;
    expect(subA).not.toBe(subB);
  });
});
