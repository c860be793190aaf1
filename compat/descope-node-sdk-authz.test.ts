// Wire compatibility: the official @descope/node-sdk's management API for permissions, roles, tenants, a user's roles
// and tenants, and jwt/update against a real notp server, and the session claims they produce after a real login.
import DescopeClient from '@descope/node-sdk';
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

const PHONE = '+16505552001';

describe('official @descope/node-sdk management: roles, permissions, tenants', () => {
  let server: TestServer;
  let client: ReturnType<typeof DescopeClient>;

  beforeAll(async () => {
    server = await startTestServer();
    client = DescopeClient({ projectId: server.projectId, baseUrl: server.url, managementKey: server.managementKey });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A real login through the simulator: the SDK starts it, a WhatsApp message verifies it. */
  async function login(phone: string): Promise<{ sessionJwt: string; refreshJwt: string }> {
    const start = await client.notp.signUpOrIn(phone);
    expect(start.ok, JSON.stringify(start.error)).toBe(true);
    const waiting = client.notp.waitForSession(start.data!.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 20_000 });
    expect((await server.sendWhatsApp(phone, messageOf(start.data!.redirectUrl))).status).toBe(200);
    const session = await waiting;
    expect(session.ok, JSON.stringify(session.error)).toBe(true);
    return { sessionJwt: session.data!.sessionJwt, refreshJwt: session.data!.refreshJwt! };
  }

  it('permissions, roles and tenants: create, update, load, search, delete as the SDK reads them', async () => {
    const m = client.management;
    expect((await m.permission.create('orders.read', 'Read orders')).ok).toBe(true);
    expect((await m.permission.create('orders.write')).ok).toBe(true);
    const dup = await m.permission.create('orders.read');
    expect(dup.ok).toBe(false);
    expect(dup.error?.errorCode).toBe(errors.permissionExists.code);
    expect((await m.permission.update('orders.write', 'orders.edit', 'Edit orders')).ok).toBe(true);
    expect((await m.permission.loadAll()).data).toEqual([
      { name: 'orders.edit', description: 'Edit orders', systemDefault: false },
      { name: 'orders.read', description: 'Read orders', systemDefault: false },
    ]);

    const created = await m.tenant.create('Acme', ['acme.com'], { plan: 'pro' });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    const acme = created.data!.id;
    expect(acme).toMatch(/^T[A-Za-z0-9]{27}$/);
    expect((await m.tenant.createWithId('globex', 'Globex')).ok).toBe(true);
    expect((await m.tenant.update('globex', 'Globex Corp')).ok).toBe(true);
    expect((await m.tenant.load('globex')).data).toMatchObject({ id: 'globex', name: 'Globex Corp' });
    expect((await m.tenant.loadAll()).data?.map((t) => t.id).sort()).toEqual([acme, 'globex'].sort());
    expect((await m.tenant.searchAll(undefined, ['Acme'])).data).toEqual([
      expect.objectContaining({ id: acme, name: 'Acme', selfProvisioningDomains: ['acme.com'] }),
    ]);

    expect((await m.role.create('clerk', 'Clerks', ['orders.read'])).ok).toBe(true);
    expect((await m.role.create('manager', 'Managers', ['orders.read', 'orders.edit'])).ok).toBe(true);
    expect((await m.role.create('owner', 'Tenant owners', ['orders.edit'], 'globex')).ok).toBe(true);
    const badPerm = await m.role.create('x', '', ['no.such.permission']);
    expect(badPerm.error?.errorCode).toBe(errors.permissionNotFound.code);
    const roles = (await m.role.loadAll()).data ?? [];
    expect(roles.map((r) => `${r.tenantId ?? '-'}/${r.name}`)).toEqual([
      '-/clerk',
      '-/console-admin',
      '-/manager',
      'globex/owner',
    ]);
    expect(roles.find((r) => r.name === 'manager')).toMatchObject({
      description: 'Managers',
      permissionNames: ['orders.read', 'orders.edit'],
    });
    expect((await m.role.search({ tenantIds: ['globex'] })).data?.map((r) => r.name)).toEqual(['owner']);
    expect((await m.role.search({ roleNameLike: 'MAN' })).data?.map((r) => r.name)).toEqual(['manager']);
    expect((await m.role.search({ permissionNames: ['orders.edit'] })).data?.map((r) => r.name)).toEqual([
      'manager',
      'owner',
    ]);

    const builtin = await m.role.delete('console-admin');
    expect(builtin.ok).toBe(false);
    expect(builtin.error?.errorCode).toBe(errors.builtinRoleProtected.code);
    expect((await m.role.update('console-admin', 'root')).error?.errorCode).toBe(errors.builtinRoleProtected.code);
  });

  it('user roles and tenants set through the SDK reach the session claims; deletions reach the next refresh', async () => {
    const m = client.management;
    const { sessionJwt: first } = await login(PHONE);
    expect((await client.validateSession(first)).token).toMatchObject({ roles: [], permissions: [], tenants: {} });

    const unknown = await m.user.addRoles(PHONE, ['no-such-role']);
    expect(unknown.ok).toBe(false);
    expect(unknown.error?.errorCode).toBe(errors.roleNotFound.code);
    expect((await m.user.addTenant(PHONE, 'nowhere')).error?.errorCode).toBe(errors.tenantNotFound.code);

    expect((await m.user.addRoles(PHONE, ['clerk', 'manager'])).data?.roleNames).toEqual(['clerk', 'manager']);
    expect((await m.user.removeRoles(PHONE, ['manager'])).data?.roleNames).toEqual(['clerk']);
    expect((await m.user.setRoles(PHONE, ['manager'])).data?.roleNames).toEqual(['manager']);
    expect((await m.user.addTenant(PHONE, 'globex')).data?.userTenants).toEqual([
      { tenantId: 'globex', tenantName: 'Globex Corp', roleNames: [] },
    ]);
    const withTenantRoles = await m.user.addTenantRoles(PHONE, 'globex', ['owner', 'clerk']);
    expect(withTenantRoles.data?.userTenants?.[0]?.roleNames).toEqual(['owner', 'clerk']);
    expect((await m.user.removeTenantRoles(PHONE, 'globex', ['clerk'])).data?.userTenants?.[0]?.roleNames).toEqual([
      'owner',
    ]);

    const { sessionJwt, refreshJwt } = await login(PHONE);
    const auth = await client.validateSession(sessionJwt);
    expect(auth.token).toMatchObject({
      roles: ['manager'],
      permissions: ['orders.read', 'orders.edit'],
      tenants: { globex: { roles: ['owner'], permissions: ['orders.edit'] } },
    });
    expect(client.validatePermissions(auth, ['orders.read', 'orders.edit'])).toBe(true);
    expect(client.validatePermissions(auth, ['orders.delete'])).toBe(false);
    expect(client.validateRoles(auth, ['manager'])).toBe(true);
    expect(client.validateRoles(auth, ['clerk'])).toBe(false);
    expect(client.validateTenantRoles(auth, 'globex', ['owner'])).toBe(true);
    expect(client.validateTenantPermissions(auth, 'globex', ['orders.edit'])).toBe(true);
    expect(client.validateTenantPermissions(auth, 'globex', ['orders.read'])).toBe(false);

    // Management adds trusted claims to a live session JWT; it keeps every claim and its expiry.
    const updated = await m.jwt.update(sessionJwt, { plan: 'gold' });
    expect(updated.ok, JSON.stringify(updated.error)).toBe(true);
    const reAuth = await client.validateSession(updated.data!.jwt);
    expect(reAuth.token).toMatchObject({ plan: 'gold', roles: ['manager'], sub: auth.token.sub, exp: auth.token.exp });
    expect((await m.jwt.update(`${sessionJwt}x`, {})).error?.errorCode).toBe(errors.invalidToken.code);

    // A permission deleted, a role deleted, a tenant deleted: gone from the next refresh.
    expect((await m.permission.delete('orders.read')).ok).toBe(true);
    let refreshed = await client.refreshSession(refreshJwt);
    expect(refreshed.token).toMatchObject({ roles: ['manager'], permissions: ['orders.edit'] });
    expect((await m.role.delete('manager')).ok).toBe(true);
    expect((await m.user.load(PHONE)).data?.roleNames).toEqual([]);
    refreshed = await client.refreshSession(refreshJwt);
    expect(refreshed.token).toMatchObject({ roles: [], permissions: [] });
    expect(client.validateRoles(refreshed, ['manager'])).toBe(false);
    expect((await m.tenant.delete('globex')).ok).toBe(true);
    expect((await m.user.load(PHONE)).data?.userTenants).toEqual([]);
    refreshed = await client.refreshSession(refreshJwt);
    expect(refreshed.token['tenants']).toEqual({});
    expect((await m.role.loadAll()).data?.some((r) => r.tenantId === 'globex')).toBe(false);
  });
});
