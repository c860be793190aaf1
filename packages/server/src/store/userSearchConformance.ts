// Conformance of UserStore.search's filters, order and paging (ports.ts UserSearchQuery), run for every adapter.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store, UserRecord, UserSearchQuery } from './ports.js';

const T0 = Date.UTC(2025, 5, 2, 9, 30);
const P = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6';
const OTHER = 'P2aB3cD4eF5gH6iJ7kL8mN9oP0qR';

function user(n: number, over: Partial<UserRecord> = {}): UserRecord {
  return {
    projectId: P,
    userId: `U${String(n).padStart(27, '0')}`,
    loginIds: [`+1650555${String(1000 + n)}`],
    phone: `+1650555${String(1000 + n)}`,
    verifiedEmail: false,
    verifiedPhone: true,
    roleNames: [],
    userTenants: [],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: T0 + n * 1000,
    updatedAt: T0 + n * 1000,
    ...over,
  };
}

export function runUserSearchConformance(options: { name: string; make: () => Promise<Store> }): void {
  describe(`UserStore.search conformance: ${options.name}`, () => {
    let open: Store[] = [];
    afterEach(async () => {
      await Promise.all(open.map((s) => s.close()));
      open = [];
    });

    /** A store holding users 1–6 of P (5 is a test user) and one user of another project. */
    async function seeded(): Promise<Store> {
      const store = await options.make();
      open.push(store);
      const users = [
        user(1, { name: 'Ann', email: 'ann@acme.com', customAttributes: { plan: 'pro', seats: 5, beta: true } }),
        user(2, {
          name: 'Bob',
          email: 'bob@acme.com',
          customAttributes: { plan: 'free', seats: 1 },
          status: 'disabled',
        }),
        user(3, { customAttributes: { plan: 'pro', seats: '5' }, updatedAt: T0 + 60_000 }),
        user(4, { email: 'dee@globex.com', roleNames: ['admin'], userTenants: [{ tenantId: 'T1', roleNames: [] }] }),
        user(5, { name: 'Test', test: true }),
        user(6, { name: 'Cy', userTenants: [{ tenantId: 'T2', roleNames: ['viewer'] }] }),
        user(7, { projectId: OTHER, email: 'ann@acme.com' }),
      ];
      for (const u of users) await store.users.create(u);
      return store;
    }
    const ids = async (store: Store, q: UserSearchQuery) =>
      (await store.users.search(P, q)).users.map((u) => Number(u.userId.slice(1)));

    it('userIds, emails and phones filter exactly; other projects never match', async () => {
      const store = await seeded();
      expect(await ids(store, { userIds: [user(2).userId, user(7).userId] })).toEqual([2]);
      expect(await ids(store, { emails: ['ann@acme.com', 'dee@globex.com'] })).toEqual([1, 4]);
      expect(await ids(store, { phones: [user(3).phone ?? '', '+442079460000'] })).toEqual([3]);
      expect(await ids(store, { emails: ['nobody@x.org'] })).toEqual([]);
      expect(await ids(store, { emails: [], phones: [], userIds: [] })).toEqual([1, 2, 3, 4, 6]);
    });

    it('custom attributes: each named attribute must equal one of its values, type included', async () => {
      const store = await seeded();
      expect(await ids(store, { customAttributes: { plan: ['pro'] } })).toEqual([1, 3]);
      expect(await ids(store, { customAttributes: { plan: ['pro'], seats: [5] } })).toEqual([1]);
      expect(await ids(store, { customAttributes: { seats: ['5'] } })).toEqual([3]);
      expect(await ids(store, { customAttributes: { seats: [1, 5] } })).toEqual([1, 2]);
      expect(await ids(store, { customAttributes: { beta: [true] } })).toEqual([1]);
      expect(await ids(store, { customAttributes: { missing: ['x'] } })).toEqual([]);
    });

    it('created and modified time ranges are inclusive epoch-ms bounds', async () => {
      const store = await seeded();
      expect(await ids(store, { fromCreatedAt: T0 + 2000, toCreatedAt: T0 + 4000 })).toEqual([2, 3, 4]);
      expect(await ids(store, { fromUpdatedAt: T0 + 10_000 })).toEqual([3]);
      expect(await ids(store, { toUpdatedAt: T0 + 1000 })).toEqual([1]);
    });

    it('test users: excluded by default, included on request, alone with testUsersOnly', async () => {
      const store = await seeded();
      expect(await ids(store, {})).toEqual([1, 2, 3, 4, 6]);
      expect(await ids(store, { withTestUsers: true })).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await ids(store, { testUsersOnly: true })).toEqual([5]);
    });

    it('filters combine with AND (statuses, roles in any scope, tenants, text)', async () => {
      const store = await seeded();
      expect(await ids(store, { roleNames: ['admin', 'viewer'] })).toEqual([4, 6]);
      expect(await ids(store, { roleNames: ['viewer'], tenantIds: ['T1'] })).toEqual([]);
      expect(await ids(store, { text: 'ACME', statuses: ['enabled'] })).toEqual([1]);
      expect(await ids(store, { emails: ['bob@acme.com'], statuses: ['enabled'] })).toEqual([]);
    });

    it('sort by a whitelisted field, ties and NULLs in a fixed place; pages never overlap; total counts all', async () => {
      const store = await seeded();
      expect(await ids(store, { sort: { field: 'name', desc: false } })).toEqual([3, 4, 1, 2, 6]);
      expect(await ids(store, { sort: { field: 'name', desc: true } })).toEqual([6, 2, 1, 4, 3]);
      expect(await ids(store, { sort: { field: 'createdTime', desc: true } })).toEqual([6, 4, 3, 2, 1]);
      expect(await ids(store, { sort: { field: 'modifiedTime', desc: true }, limit: 1 })).toEqual([3]);
      const pages = [];
      for (let page = 0; page < 3; page++) {
        const r = await store.users.search(P, { sort: { field: 'email', desc: false }, limit: 2, page });
        expect(r.total).toBe(5);
        pages.push(...r.users.map((u) => Number(u.userId.slice(1))));
      }
      expect(pages).toEqual([3, 6, 1, 2, 4]);
      expect(await ids(store, { offset: 4, limit: 10 })).toEqual([6]);
    });
  });
}
