import { describe, expect, it } from 'vitest';
import { resolveAuthz } from './resolveAuthz.js';
import { closeKitAfterEach, makeSessionKit, type SessionKit } from './testing/makeSessionKit.js';

let kit: SessionKit;
closeKitAfterEach(() => kit);

/** The kit's real SQLite store, with its two authz reads counted. */
async function countedStore() {
  kit = await makeSessionKit();
  const { authz } = kit.deps.store;
  const reads = { roles: 0, tenants: 0 };
  const store = {
    authz: {
      ...authz,
      listRoles: (...args: Parameters<typeof authz.listRoles>) => {
        reads.roles++;
        return authz.listRoles(...args);
      },
      listTenants: (...args: Parameters<typeof authz.listTenants>) => {
        reads.tenants++;
        return authz.listTenants(...args);
      },
    },
  };
  return { store, reads };
}

describe('resolveAuthz', () => {
  it('reads nothing for a user who holds no role and is in no tenant (their claims are empty whatever exists)', async () => {
    const { store, reads } = await countedStore();
    const authz = await resolveAuthz(store, { ...kit.user, roleNames: [], userTenants: [] });
    expect(reads).toEqual({ roles: 0, tenants: 0 });
    expect([...authz.projectRoles]).toEqual([]);
    expect([...authz.tenants]).toEqual([]);
  });

  it('reads the roles for a user who holds one, and the tenants only when the user is in one', async () => {
    const { store, reads } = await countedStore();
    const withRole = await resolveAuthz(store, { ...kit.user, roleNames: ['editor'], userTenants: [] });
    expect(reads).toEqual({ roles: 1, tenants: 0 });
    expect(withRole.projectRoles.get('editor')).toEqual([]);

    const inTenant = await resolveAuthz(store, {
      ...kit.user,
      roleNames: [],
      userTenants: [{ tenantId: 'T1', tenantName: 'Acme', roleNames: [] }],
    });
    expect(reads).toEqual({ roles: 2, tenants: 1 });
    expect([...inTenant.tenants.keys()]).toEqual(['T1']);
  });
});
