// management.user through the SDK against the real server: the bodies @descope/node-sdk sends, answered as { user }.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { NotpClient, type NotpNodeClient } from '../src/index.js';

let server: TestServer;
let client: NotpNodeClient;
beforeAll(async () => {
  server = await startTestServer();
  client = NotpClient({ projectId: server.projectId, baseUrl: server.url, managementKey: server.managementKey });
  // Users may hold only roles that exist.
  const role = await fetch(`${server.url}/v1/mgmt/role/create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'admin' }),
  });
  if (role.status !== 200) throw new Error(`role create: ${role.status}`);
});
afterAll(() => server.close());

describe('management.user', () => {
  it('create (options and positional forms), load, update, patch, updatePhone, search, deactivate, delete', async () => {
    const a = await client.management.user.create('+16505551000', {
      email: 'a@example.com',
      displayName: 'Alpha',
      roles: ['admin'],
    });
    expect(a).toMatchObject({ ok: true, data: { loginIds: ['+16505551000'], name: 'Alpha', roleNames: ['admin'] } });
    const b = await client.management.user.create('b@example.com', 'b@example.com', '+16505551001', 'Beta');
    expect(b.data).toMatchObject({ email: 'b@example.com', phone: '+16505551001', name: 'Beta' });
    const t = await client.management.user.createTestUser('t@example.com', { displayName: 'Test' });
    expect(t.data?.test).toBe(true);

    expect((await client.management.user.load('+16505551000')).data?.userId).toBe(a.data!.userId);
    expect((await client.management.user.loadByUserId(b.data!.userId)).data?.email).toBe('b@example.com');
    // load(loginIdOrUserId) with a user id
    expect((await client.management.user.load(b.data!.userId)).data?.email).toBe('b@example.com');

    const patched = await client.management.user.patch('+16505551000', { givenName: 'Al' });
    expect(patched.data).toMatchObject({ givenName: 'Al', name: 'Alpha', roleNames: ['admin'] });
    const updated = await client.management.user.update('+16505551000', { displayName: 'Alpha 2' });
    expect(updated.data).toMatchObject({ name: 'Alpha 2', roleNames: [] });

    const phoned = await client.management.user.updatePhone('+16505551000', '+16505551009', true);
    expect(phoned.data).toMatchObject({ phone: '+16505551009', verifiedPhone: true });
    const conflict = await client.management.user.updatePhone('b@example.com', '+16505551009', true, true);
    expect(conflict).toMatchObject({ ok: false, error: { errorCode: errors.phoneInUse.code } });

    const found = await client.management.user.search({ limit: 10, page: 0 });
    expect(found.data?.total).toBe(2);
    const admins = await client.management.user.search({ text: 'beta' });
    expect(admins.data?.users.map((u) => u.name)).toEqual(['Beta']);

    expect((await client.management.user.deactivate('b@example.com')).data?.status).toBe('disabled');
    expect((await client.management.user.activate('b@example.com')).data?.status).toBe('enabled');
    expect((await client.management.user.logoutUser('b@example.com')).ok).toBe(true);
    expect((await client.management.user.delete('b@example.com')).ok).toBe(true);
    const gone = await client.management.user.load('b@example.com');
    expect(gone).toMatchObject({ ok: false, code: 404, error: { errorCode: errors.mgmtUserNotFound.code } });
  });

  it('resolves ok:false with managementKeyInvalid for a wrong key, and throws without one', async () => {
    const wrong = NotpClient({ projectId: server.projectId, baseUrl: server.url, managementKey: 'Kwrong' });
    const r = await wrong.management.user.load('+16505551000');
    expect(r).toMatchObject({ ok: false, code: 401, error: { errorCode: errors.managementKeyInvalid.code } });
    const none = NotpClient({ projectId: server.projectId, baseUrl: server.url });
    expect(() => none.management.user.load('x')).toThrow(/managementKey/);
  });
});
