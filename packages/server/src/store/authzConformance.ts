// Conformance suite of the AuthzStore port (authzPorts.ts): every adapter runs it beside the Store suite.
import { describe, expect, it } from 'vitest';
import { builtinRole, type RoleRecord, type TenantRecord } from './authzPorts.js';
import { freshStores, OTHER_PROJECT, PROJECT, type PortConformanceOptions, T0 } from './conformance/fixtures.js';
import type { Store } from './ports.js';

export type AuthzConformanceOptions = PortConformanceOptions;

const P = PROJECT;
const OTHER = OTHER_PROJECT;

const role = (name: string, over: Partial<RoleRecord> = {}): RoleRecord => ({
  projectId: P,
  name,
  tenantId: null,
  description: '',
  permissionNames: [],
  isDefault: false,
  createdAt: T0,
  ...over,
});

const tenant = (tenantId: string, over: Partial<TenantRecord> = {}): TenantRecord => ({
  projectId: P,
  tenantId,
  name: `Tenant ${tenantId}`,
  selfProvisioningDomains: [],
  customAttributes: {},
  disabled: false,
  createdAt: T0,
  ...over,
});

export function runAuthzConformance(options: AuthzConformanceOptions): void {
  describe(`AuthzStore conformance: ${options.name}`, () => {
    const make = freshStores(options.make);

    it('permissions: create once per project, list by name, update, delete; other projects untouched', async () => {
      const { authz } = await make();
      const perm = (projectId: string, name: string) => ({ projectId, name, description: `d ${name}`, createdAt: T0 });
      expect(await authz.createPermission(perm(P, 'write'))).toBe(true);
      expect(await authz.createPermission(perm(P, 'read'))).toBe(true);
      expect(await authz.createPermission(perm(P, 'read'))).toBe(false);
      expect(await authz.createPermission(perm(OTHER, 'read'))).toBe(true);
      expect((await authz.listPermissions(P)).map((p) => p.name)).toEqual(['read', 'write']);
      expect(await authz.listPermissions(P)).toContainEqual(perm(P, 'read'));
      expect(await authz.updatePermission(P, 'read', { name: 'write', description: '' })).toBe('name-taken');
      expect(await authz.updatePermission(P, 'nope', { name: 'x', description: '' })).toBe('not-found');
      expect(await authz.updatePermission(P, 'read', { name: 'read', description: 'new' })).toBe('ok');
      expect((await authz.listPermissions(P)).find((p) => p.name === 'read')?.description).toBe('new');
      expect(await authz.deletePermission(P, 'read')).toBe(true);
      expect(await authz.deletePermission(P, 'read')).toBe(false);
      expect((await authz.listPermissions(P)).map((p) => p.name)).toEqual(['write']);
      expect((await authz.listPermissions(OTHER)).map((p) => p.name)).toEqual(['read']);
    });

    it('a permission rename or delete is carried into every role of the project, atomically', async () => {
      const { authz } = await make();
      for (const name of ['a', 'b', 'c']) {
        await authz.createPermission({ projectId: P, name, description: '', createdAt: T0 });
        await authz.createPermission({ projectId: OTHER, name, description: '', createdAt: T0 });
      }
      await authz.createRole(role('r1', { permissionNames: ['a', 'b', 'c'] }));
      await authz.createRole(role('r2', { permissionNames: ['b'], tenantId: 'T1' }));
      await authz.createRole(role('r1', { projectId: OTHER, permissionNames: ['b'] }));
      expect(await authz.updatePermission(P, 'b', { name: 'bb', description: '' })).toBe('ok');
      expect((await authz.listRoles(P)).map((r) => [r.name, r.permissionNames])).toEqual([
        ['r1', ['a', 'bb', 'c']],
        ['r2', ['bb']],
      ]);
      expect(await authz.deletePermission(P, 'a')).toBe(true);
      expect(await authz.deletePermission(P, 'bb')).toBe(true);
      expect((await authz.listRoles(P)).map((r) => [r.name, r.permissionNames])).toEqual([
        ['r1', ['c']],
        ['r2', []],
      ]);
      expect((await authz.listRoles(OTHER))[0]?.permissionNames).toEqual(['b']);
    });

    it('roles: unique per project and tenant, update with rename, delete, filters', async () => {
      const { authz } = await make();
      expect(await authz.createRole(role('admin', { permissionNames: ['x'], description: 'Admins' }))).toBe(true);
      expect(await authz.createRole(role('admin'))).toBe(false);
      expect(await authz.createRole(role('admin', { tenantId: 'T1' }))).toBe(true);
      expect(await authz.createRole(role('viewer', { tenantId: 'T2', permissionNames: ['y'] }))).toBe(true);
      expect(await authz.createRole(role('editor', { isDefault: true }))).toBe(true);
      expect(await authz.createRole(role('admin', { projectId: OTHER }))).toBe(true);

      const all = await authz.listRoles(P);
      expect(all.map((r) => `${r.tenantId ?? '-'}/${r.name}`)).toEqual([
        '-/admin',
        '-/editor',
        'T1/admin',
        'T2/viewer',
      ]);
      expect(all[0]).toEqual(role('admin', { permissionNames: ['x'], description: 'Admins' }));
      expect(all[1]?.isDefault).toBe(true);

      const names = async (q: Parameters<Store['authz']['listRoles']>[1]) =>
        (await authz.listRoles(P, q)).map((r) => `${r.tenantId ?? '-'}/${r.name}`);
      expect(await names({ tenantIds: ['T1'] })).toEqual(['T1/admin']);
      expect(await names({ tenantIds: ['T1'], includeProjectRoles: true })).toEqual([
        '-/admin',
        '-/editor',
        'T1/admin',
      ]);
      expect(await names({ tenantIds: [], includeProjectRoles: true })).toEqual(['-/admin', '-/editor']);
      expect(await names({ tenantIds: [] })).toEqual([]);
      expect(await names({ names: ['admin'] })).toEqual(['-/admin', 'T1/admin']);
      expect(await names({ nameLike: 'EDI' })).toEqual(['-/editor']);
      expect(await names({ nameLike: '%' })).toEqual([]);
      expect(await names({ permissionNames: ['y', 'z'] })).toEqual(['T2/viewer']);

      expect(await authz.updateRole(P, null, 'admin', role('editor'))).toBe('name-taken');
      expect(await authz.updateRole(P, null, 'ghost', role('x'))).toBe('not-found');
      expect(await authz.updateRole(P, 'T1', 'admin', role('owner', { tenantId: 'T1', permissionNames: ['p'] }))).toBe(
        'ok',
      );
      expect(await names({ tenantIds: ['T1'] })).toEqual(['T1/owner']);
      expect((await authz.listRoles(P, { tenantIds: ['T1'] }))[0]?.permissionNames).toEqual(['p']);
      expect(await authz.deleteRole(P, 'T1', 'owner')).toBe(true);
      expect(await authz.deleteRole(P, 'T1', 'owner')).toBe(false);
      expect(await authz.deleteRole(P, null, 'admin')).toBe(true);
      expect(await names({})).toEqual(['-/editor', 'T2/viewer']);
      expect((await authz.listRoles(OTHER)).map((r) => r.name)).toEqual(['admin']);
    });

    it('the built-in role is a plain project role in the store', async () => {
      const { authz } = await make();
      expect(await authz.createRole(builtinRole(P, T0))).toBe(true);
      expect(await authz.createRole(builtinRole(P, T0))).toBe(false);
      expect((await authz.listRoles(P))[0]).toEqual(builtinRole(P, T0));
    });

    it('tenants: create once, get, update, list filters, delete takes its roles along', async () => {
      const { authz } = await make();
      const acme = tenant('T1', {
        name: 'Acme',
        selfProvisioningDomains: ['acme.com'],
        customAttributes: { plan: 'pro', seats: 5, tags: ['a'] },
      });
      expect(await authz.createTenant(acme)).toBe(true);
      expect(await authz.createTenant(tenant('T1'))).toBe(false);
      expect(await authz.createTenant(tenant('T2', { name: 'Globex', disabled: true }))).toBe(true);
      expect(await authz.createTenant(tenant('T1', { projectId: OTHER }))).toBe(true);
      expect(await authz.getTenant(P, 'T1')).toEqual(acme);
      expect(await authz.getTenant(P, 'T3')).toBeNull();
      expect((await authz.getTenant(P, 'T2'))?.disabled).toBe(true);

      const ids = async (q?: Parameters<Store['authz']['listTenants']>[1]) =>
        (await authz.listTenants(P, q)).map((t) => t.tenantId);
      expect(await ids()).toEqual(['T1', 'T2']);
      expect(await ids({ ids: ['T2', 'T9'] })).toEqual(['T2']);
      expect(await ids({ names: ['Acme'] })).toEqual(['T1']);
      expect(await ids({ selfProvisioningDomains: ['acme.com', 'x.org'] })).toEqual(['T1']);
      expect(await ids({ ids: ['T1'], names: ['Globex'] })).toEqual([]);

      expect(await authz.updateTenant({ ...acme, name: 'Acme Inc', createdAt: T0 + 5 })).toBe(true);
      expect(await authz.getTenant(P, 'T1')).toEqual({ ...acme, name: 'Acme Inc' });
      expect(await authz.updateTenant(tenant('T9'))).toBe(false);

      await authz.createRole(role('admin', { tenantId: 'T1' }));
      await authz.createRole(role('admin'));
      expect(await authz.deleteTenant(P, 'T1')).toBe(true);
      expect(await authz.deleteTenant(P, 'T1')).toBe(false);
      expect((await authz.listRoles(P)).map((r) => r.tenantId)).toEqual([null]);
      expect(await ids()).toEqual(['T2']);
      expect((await authz.listTenants(OTHER)).map((t) => t.tenantId)).toEqual(['T1']);
    });
  });
}
