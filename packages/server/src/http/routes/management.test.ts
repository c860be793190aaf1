// Management routes through the real server (temp SQLite): key check, user CRUD, search, errors as catalogue 4xx.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: unknown, auth?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: auth ?? `Bearer ${server.projectId}:${server.managementKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('management auth', () => {
  it.each([
    { name: 'no key', auth: () => `Bearer ${server.projectId}`, code: errors.managementKeyInvalid.code },
    { name: 'wrong key', auth: () => `Bearer ${server.projectId}:Kwrong`, code: errors.managementKeyInvalid.code },
    {
      name: 'key of another length',
      auth: () => `Bearer ${server.projectId}:x`,
      code: errors.managementKeyInvalid.code,
    },
    {
      name: 'unknown project',
      auth: () => `Bearer P${'x'.repeat(27)}:${server.managementKey}`,
      code: errors.projectUnknown.code,
    },
    { name: 'no bearer', auth: () => '', code: errors.projectUnknown.code },
  ])('rejects $name with 401', async ({ auth, code }) => {
    const r = await call('GET', '/v1/mgmt/license', undefined, auth());
    expect(r.status).toBe(401);
    expect(r.body['errorCode']).toBe(code);
  });

  it('answers the license handshake with {}', async () => {
    expect(await call('GET', '/v1/mgmt/license')).toEqual({ status: 200, body: {} });
  });
});

describe('management users', () => {
  it('creates, loads (by login id and user id), updates, patches, searches and deletes', async () => {
    expect((await call('POST', '/v1/mgmt/role/create', { name: 'admin' })).status).toBe(200);
    const created = await call('POST', '/v1/mgmt/user/create', {
      loginId: '+1 650 555 0001',
      email: 'Ann@Example.com',
      displayName: 'Ann',
      roleNames: ['admin'],
      verifiedPhone: true,
      phone: '+16505550001',
    });
    expect(created.status).toBe(200);
    const user = created.body['user'] as Record<string, unknown>;
    expect(user).toMatchObject({
      loginIds: ['+16505550001'],
      email: 'ann@example.com',
      name: 'Ann',
      roleNames: ['admin'],
      phone: '+16505550001',
      verifiedPhone: true,
      status: 'enabled',
    });
    expect(user['userId']).toMatch(/^U/);

    const dup = await call('POST', '/v1/mgmt/user/create', { loginId: '+16505550001' });
    expect(dup).toMatchObject({ status: 409, body: { errorCode: errors.userAlreadyExists.code } });

    const byLogin = await call('GET', '/v1/mgmt/user?loginId=%2B16505550001');
    expect((byLogin.body['user'] as { userId: string }).userId).toBe(user['userId']);
    const byId = await call('GET', `/v1/mgmt/user?userId=${user['userId']}`);
    expect(byId.status).toBe(200);

    const patched = await call('PATCH', '/v1/mgmt/user/patch', { loginId: '+16505550001', givenName: 'Annie' });
    expect(patched.body['user']).toMatchObject({ givenName: 'Annie', name: 'Ann', roleNames: ['admin'] });

    // update replaces: fields not sent are cleared, the phone keeps its verification
    const updated = await call('POST', '/v1/mgmt/user/update', {
      loginId: '+16505550001',
      name: 'Ann B',
      phone: '+16505550001',
    });
    expect(updated.body['user']).toMatchObject({ name: 'Ann B', roleNames: [], verifiedPhone: true });
    expect((updated.body['user'] as Record<string, unknown>)['givenName']).toBeUndefined();

    const phone = await call('POST', '/v1/mgmt/user/update/phone', { loginId: '+16505550001', phone: '+16505550002' });
    expect(phone.body['user']).toMatchObject({ phone: '+16505550002', verifiedPhone: false });

    const disabled = await call('POST', '/v1/mgmt/user/update/status', { loginId: '+16505550001', status: 'disabled' });
    expect(disabled.body['user']).toMatchObject({ status: 'disabled' });

    await call('POST', '/v1/mgmt/user/create/test', { loginId: 'tester@example.com' });
    const all = await call('POST', '/v2/mgmt/user/search', {});
    expect(all.body['total']).toBe(1);
    const withTest = await call('POST', '/v2/mgmt/user/search', { withTestUser: true, limit: 10 });
    expect(withTest.body['total']).toBe(2);
    const byText = await call('POST', '/v2/mgmt/user/search', { text: 'ann b' });
    expect((byText.body['users'] as unknown[]).length).toBe(1);

    expect(await call('POST', '/v1/mgmt/user/logout', { userId: user['userId'] })).toEqual({ status: 200, body: {} });
    expect(await call('POST', '/v1/mgmt/user/delete', { loginId: '+16505550001' })).toEqual({ status: 200, body: {} });
    const gone = await call('GET', '/v1/mgmt/user?loginId=%2B16505550001');
    expect(gone).toMatchObject({ status: 404, body: { errorCode: errors.mgmtUserNotFound.code } });
  });

  it.each([
    {
      name: 'missing loginId',
      path: '/v1/mgmt/user/create',
      body: { email: 'a@b.co' },
      code: errors.missingArguments.code,
    },
    {
      name: 'impossible phone',
      path: '/v1/mgmt/user/create',
      body: { loginId: '+1 2' },
      code: errors.invalidArguments.code,
    },
    {
      name: 'bad email',
      path: '/v1/mgmt/user/create',
      body: { loginId: 'x1', email: 'nope' },
      code: errors.invalidArguments.code,
    },
    { name: 'wrong type', path: '/v1/mgmt/user/create', body: { loginId: 5 }, code: errors.badRequest.code },
    {
      name: 'bad status',
      path: '/v1/mgmt/user/update/status',
      body: { loginId: 'a', status: 'gone' },
      code: errors.badRequest.code,
    },
    {
      name: 'unknown user',
      path: '/v1/mgmt/user/update',
      body: { loginId: 'nobody@x.io' },
      code: errors.mgmtUserNotFound.code,
    },
    { name: 'delete without id', path: '/v1/mgmt/user/delete', body: {}, code: errors.missingArguments.code },
    { name: 'search limit too big', path: '/v2/mgmt/user/search', body: { limit: 5000 }, code: errors.badRequest.code },
  ])('answers a catalogue 4xx for $name and changes nothing', async ({ path, body, code }) => {
    const before = await call('POST', '/v2/mgmt/user/search', { withTestUser: true });
    const r = await call('POST', path, body);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body['errorCode']).toBe(code);
    expect(await call('POST', '/v2/mgmt/user/search', { withTestUser: true })).toEqual(before);
  });
});
