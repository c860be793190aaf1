// User search through the real server with the exact bodies of the official Go and Python SDKs (nulls included).
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { goEmptySearch, goSearch, pythonEmptySearch } from './fixtures/sdkSearchBodies.js';

let server: TestServer;
const ids: Record<string, string> = {};

async function call(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const search = async (body: unknown): Promise<string[]> => {
  const r = await call('/v2/mgmt/user/search', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const users = r.body['users'] as { loginIds: string[] }[];
  expect(r.body['total']).toBe(users.length);
  return users.map((u) => u.loginIds[0] ?? '').sort();
};

beforeAll(async () => {
  server = await startTestServer();
  await call('/v1/mgmt/role/create', { name: 'admin' });
  for (const [loginId, extra] of [
    ['+16505553001', { email: 'ann@acme.com', name: 'Ann', roleNames: ['admin'], customAttributes: { plan: 'pro' } }],
    ['+16505553002', { email: 'bob@acme.com', phone: '+16505553002', name: 'Bob', customAttributes: { plan: 'free' } }],
    ['carol@example.com', { email: 'carol@example.com', phone: '+442079460003' }],
  ] as const) {
    const r = await call('/v1/mgmt/user/create', { loginId, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids[loginId] = (r.body['user'] as { userId: string }).userId;
  }
  await call('/v1/mgmt/user/update/status', { loginId: '+16505553002', status: 'disabled' });
});
afterAll(() => server.close());

describe('POST /v2/mgmt/user/search with the official SDKs’ bodies', () => {
  const all = ['+16505553001', '+16505553002', 'carol@example.com'];

  it('Go and Python: an unfiltered search (nulls, zeros, empty text) answers everyone', async () => {
    expect(await search(goEmptySearch)).toEqual(all);
    expect(await search(pythonEmptySearch)).toEqual(all);
  });

  it('Go: each filter narrows, the other fields null', async () => {
    expect(await search(goSearch({ phones: ['+1 650 555 3002'] }))).toEqual(['+16505553002']);
    expect(await search(goSearch({ emails: ['Carol@Example.com'] }))).toEqual(['carol@example.com']);
    expect(await search(goSearch({ userIds: [ids['+16505553001']] }))).toEqual(['+16505553001']);
    expect(await search(goSearch({ loginIds: ['carol@example.com'] }))).toEqual(['carol@example.com']);
    expect(await search(goSearch({ statuses: ['disabled'] }))).toEqual(['+16505553002']);
    expect(await search(goSearch({ roleNames: ['admin'] }))).toEqual(['+16505553001']);
    expect(await search(goSearch({ text: 'acme' }))).toEqual(['+16505553001', '+16505553002']);
    expect(await search(goSearch({ customAttributes: { plan: 'pro' } }))).toEqual(['+16505553001']);
    expect(await search(goSearch({ customAttributes: { plan: ['pro', 'free'] } }))).toEqual([
      '+16505553001',
      '+16505553002',
    ]);
    expect(await search(goSearch({ fromCreatedTime: Date.now() + 60_000 }))).toEqual([]);
    expect(await search(goSearch({ toCreatedTime: Date.now() + 60_000 }))).toEqual(all);
    expect(await search(goSearch({ tenantIds: ['T-none'] }))).toEqual([]);
  });

  it('Python: optional filters as it adds them, sort and paging', async () => {
    expect(await search({ ...pythonEmptySearch, phones: ['+442079460003'] })).toEqual(['carol@example.com']);
    const page = await call('/v2/mgmt/user/search', {
      ...pythonEmptySearch,
      limit: 2,
      page: 0,
      sort: [{ field: 'name', desc: true }],
    });
    expect((page.body['users'] as { name?: string }[]).map((u) => u.name)).toEqual(['Bob', 'Ann']);
    expect(page.body['total']).toBe(3);
  });

  it('refuses, never ignores, what notp cannot filter on; a bad phone or sort field is a 400', async () => {
    for (const body of [
      goSearch({ ssoAppIds: ['app'] }),
      goSearch({ tenantRoleNames: { T1: { values: ['admin'] } } }),
      goSearch({ phones: ['not a phone'] }),
      goSearch({ sort: [{ field: 'password', desc: false }] }),
      goSearch({ statuses: ['deleted'] }),
    ]) {
      const r = await call('/v2/mgmt/user/search', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect([errors.invalidArguments.code, errors.badRequest.code]).toContain(r.body['errorCode']);
    }
  });

  it('null is absent on other management bodies too (a Go-style user create and role create)', async () => {
    const created = await call('/v1/mgmt/user/create', {
      loginId: '+16505553009',
      email: null,
      phone: null,
      name: null,
      roleNames: null,
      userTenants: null,
      customAttributes: null,
      verifiedEmail: null,
      test: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body['user']).toMatchObject({ loginIds: ['+16505553009'], roleNames: [], userTenants: [] });
    const role = await call('/v1/mgmt/role/create', {
      name: 'viewer',
      description: null,
      permissionNames: null,
      tenantId: null,
    });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    const missing = await call('/v1/mgmt/role/create', { name: null });
    expect(missing.status).toBe(400);
  });
});
