// Our SDK's role and permission checks on real session JWTs: roles, permissions and tenants set through the
// management API of a real server, a real login through the simulator, then validate*/getMatched* and a refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { NotpClient } from '../src/index.js';

const PHONE = '+16505558001';
let server: TestServer;

async function mgmt(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  server = await startTestServer();
  await mgmt('/v1/mgmt/permission/create', { name: 'docs.read' });
  await mgmt('/v1/mgmt/permission/create', { name: 'docs.write' });
  await mgmt('/v1/mgmt/role/create', { name: 'reader', permissionNames: ['docs.read'] });
  await mgmt('/v1/mgmt/tenant/create', { id: 'team-1', name: 'Team 1' });
  await mgmt('/v1/mgmt/role/create', {
    name: 'editor',
    tenantId: 'team-1',
    permissionNames: ['docs.read', 'docs.write'],
  });
  await mgmt('/v1/mgmt/user/create', { loginId: PHONE, phone: PHONE, verifiedPhone: true, roleNames: ['reader'] });
  await mgmt('/v2/mgmt/user/update/role/add', { loginId: PHONE, tenantId: 'team-1', roleNames: ['editor'] });
});
afterAll(() => server.close());

describe('validatePermissions / validateRoles / tenant variants on real tokens', () => {
  it('match what management granted, and a deleted role is gone after refresh', async () => {
    const client = NotpClient({ projectId: server.projectId, baseUrl: server.url });
    const start = await client.notp.signIn(PHONE);
    expect(start.ok, JSON.stringify(start.error)).toBe(true);
    const waiting = client.notp.waitForSession(start.data!.pendingRef, { timeoutMs: 20_000 });
    await server.sendWhatsApp(PHONE, messageOf(start.data!.redirectUrl));
    const session = await waiting;
    expect(session.ok, JSON.stringify(session.error)).toBe(true);

    const auth = await client.validateSession(session.data!.sessionJwt);
    expect(client.validateRoles(auth, ['reader'])).toBe(true);
    expect(client.validatePermissions(auth, ['docs.read'])).toBe(true);
    expect(client.validatePermissions(auth, ['docs.read', 'docs.write'])).toBe(false);
    expect(client.getMatchedPermissions(auth, ['docs.read', 'docs.write'])).toEqual(['docs.read']);
    expect(client.validateTenantRoles(auth, 'team-1', ['editor'])).toBe(true);
    expect(client.validateTenantPermissions(auth, 'team-1', ['docs.read', 'docs.write'])).toBe(true);
    expect(client.validateTenantPermissions(auth, 'team-2', ['docs.read'])).toBe(false);

    await mgmt('/v1/mgmt/role/delete', { name: 'editor', tenantId: 'team-1' });
    const refreshed = await client.refreshSession(session.data!.refreshJwt!);
    expect(client.validateTenantRoles(refreshed, 'team-1', ['editor'])).toBe(false);
    expect(client.validateTenantPermissions(refreshed, 'team-1', ['docs.write'])).toBe(false);
    expect(client.validateRoles(refreshed, ['reader'])).toBe(true);
  });
});
