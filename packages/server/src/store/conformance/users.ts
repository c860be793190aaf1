// Store conformance of `UserStore` (store/userPorts.ts), user search included.
import { describe, expect, it } from 'vitest';
import { LoginIdTakenError, type UserRecord } from '../ports.js';
import { type ConformanceContext, T0, MIN, PROJECT, OTHER_PROJECT, user, session, race } from './fixtures.js';

/** Registers the cases of `store.users`. */
export function describeUsers({ fresh }: ConformanceContext): void {
  describe('users', () => {
    it('users.create/get round-trips every field; unset optional fields stay absent', async () => {
      const store = await fresh();
      const full = user({
        loginIds: ['+16505551234', 'ada@example.com'],
        name: 'Ada Lovelace',
        givenName: 'Ada',
        middleName: 'King',
        familyName: 'Lovelace',
        email: 'ada@example.com',
        verifiedEmail: true,
        waBsuid: 'US.13491208655302741918',
        roleNames: ['admin'],
        userTenants: [{ tenantId: 'T1', tenantName: 'Acme EU', roleNames: ['viewer'] }],
        status: 'invited',
        customAttributes: { plan: 'pro', seats: 3, flags: { beta: true } },
        picture: 'https://example.com/ada.png',
        test: true,
        updatedAt: T0 + 5,
      });
      const bare = user({ loginIds: ['+447700900123'], phone: undefined, waId: undefined, verifiedPhone: false });
      delete bare.phone;
      delete bare.waId;
      await store.users.create(full);
      await store.users.create(bare);
      expect(await store.users.get(PROJECT, full.userId)).toEqual(full);
      const got = await store.users.get(PROJECT, bare.userId);
      expect(got).toEqual(bare);
      expect(got && 'phone' in got).toBe(false);
      expect(got && 'name' in got).toBe(false);
      expect(await store.users.get(PROJECT, 'U-missing')).toBeNull();
      expect(await store.users.get(OTHER_PROJECT, full.userId)).toBeNull();
    });

    it('users.getByLoginId finds the user by any of its login ids, per project', async () => {
      const store = await fresh();
      const u = user({ loginIds: ['+16505551234', 'ada@example.com'] });
      await store.users.create(u);
      expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(u.userId);
      expect((await store.users.getByLoginId(PROJECT, 'ada@example.com'))?.userId).toBe(u.userId);
      expect(await store.users.getByLoginId(PROJECT, '+16505559999')).toBeNull();
      expect(await store.users.getByLoginId(OTHER_PROJECT, '+16505551234')).toBeNull();
    });

    it('users.create: a taken login id throws LoginIdTakenError and writes nothing', async () => {
      const store = await fresh();
      const first = user({ loginIds: ['+16505551234'] });
      await store.users.create(first);
      const second = user({ loginIds: ['bob@example.com', '+16505551234'], email: 'bob@example.com' });
      const err = await store.users.create(second).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LoginIdTakenError);
      expect((err as LoginIdTakenError).loginId).toBe('+16505551234');
      expect(await store.users.get(PROJECT, second.userId)).toBeNull();
      expect(await store.users.getByLoginId(PROJECT, 'bob@example.com')).toBeNull();
      expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(first.userId);
    });

    it('users.create: the same login id is free in another project', async () => {
      const store = await fresh();
      const a = user();
      const b = user({ projectId: OTHER_PROJECT });
      await store.users.create(a);
      await store.users.create(b);
      expect((await store.users.getByLoginId(OTHER_PROJECT, '+16505551234'))?.userId).toBe(b.userId);
      expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(a.userId);
    });

    it('users.create: of 20 racers for one login id exactly one wins, the rest get LoginIdTakenError', async () => {
      const store = await fresh();
      const results = await race(20, () =>
        store.users.create(user({ loginIds: ['+5511987654321'] })).then(
          () => 'ok',
          (e: unknown) => (e instanceof LoginIdTakenError ? 'taken' : `other: ${String(e)}`),
        ),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r === 'taken')).toHaveLength(19);
      expect((await store.users.search(PROJECT, {})).total).toBe(1);
    });

    it('users.findByVerifiedPhone returns only users whose phone is verified, in that project', async () => {
      const store = await fresh();
      const verified = user({ loginIds: ['+16505551234'] });
      const unverified = user({ loginIds: ['carol@example.com'], verifiedPhone: false });
      const viaEmail = user({ loginIds: ['dan@example.com'], email: 'dan@example.com' });
      const elsewhere = user({ projectId: OTHER_PROJECT });
      for (const u of [verified, unverified, viaEmail, elsewhere]) await store.users.create(u);
      const found = await store.users.findByVerifiedPhone(PROJECT, '+16505551234');
      expect(found.map((u) => u.userId).sort()).toEqual([verified.userId, viaEmail.userId].sort());
      expect(await store.users.findByVerifiedPhone(PROJECT, '+16505550000')).toEqual([]);
    });

    it('users.update replaces the whole record and moves its login ids', async () => {
      const store = await fresh();
      const u = user({ loginIds: ['+16505551234'], name: 'Ada', customAttributes: { plan: 'free' } });
      await store.users.create(u);
      const changed: UserRecord = {
        ...u,
        loginIds: ['+447700900123', 'ada@example.com'],
        phone: '+447700900123',
        email: 'ada@example.com',
        status: 'disabled',
        customAttributes: { plan: 'pro' },
        updatedAt: T0 + MIN,
      };
      delete changed.name;
      expect(await store.users.update(changed)).toBe(true);
      expect(await store.users.get(PROJECT, u.userId)).toEqual(changed);
      expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
      expect((await store.users.getByLoginId(PROJECT, 'ada@example.com'))?.userId).toBe(u.userId);
      // The freed login id can be taken by someone else now.
      await store.users.create(user({ loginIds: ['+16505551234'] }));
    });

    it('users.update: an unknown user → false, nothing written', async () => {
      const store = await fresh();
      const ghost = user();
      expect(await store.users.update(ghost)).toBe(false);
      expect(await store.users.get(PROJECT, ghost.userId)).toBeNull();
      expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
    });

    it('users.update: a taken login id throws LoginIdTakenError and writes nothing', async () => {
      const store = await fresh();
      const a = user({ loginIds: ['+16505551234'] });
      const b = user({ loginIds: ['+16505550000'], phone: '+16505550000', name: 'Bob' });
      await store.users.create(a);
      await store.users.create(b);
      await expect(
        store.users.update({ ...b, name: 'Robert', loginIds: ['+16505550000', '+16505551234'] }),
      ).rejects.toBeInstanceOf(LoginIdTakenError);
      expect(await store.users.get(PROJECT, b.userId)).toEqual(b);
      expect((await store.users.getByLoginId(PROJECT, '+16505550000'))?.userId).toBe(b.userId);
      expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(a.userId);
    });

    it('users.delete removes the user, its login ids, sessions and login history; absent → false', async () => {
      const store = await fresh();
      const gone = user();
      const kept = user({ loginIds: ['+16505550000'] });
      await store.users.create(gone);
      await store.users.create(kept);
      for (const u of [gone, kept]) {
        await store.sessions.create(session({ userId: u.userId }));
        await store.loginHistory.add({
          projectId: PROJECT,
          userId: u.userId,
          loginTime: T0,
          ip: '203.0.113.7',
          city: 'Lisbon',
          country: 'PT',
        });
      }
      expect(await store.users.delete(PROJECT, gone.userId)).toBe(true);
      expect(await store.users.get(PROJECT, gone.userId)).toBeNull();
      expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
      expect(await store.sessions.listForUser(PROJECT, gone.userId)).toEqual([]);
      expect(await store.loginHistory.list(PROJECT, gone.userId)).toEqual([]);
      expect(await store.sessions.listForUser(PROJECT, kept.userId)).toHaveLength(1);
      expect(await store.loginHistory.list(PROJECT, kept.userId)).toHaveLength(1);
      expect(await store.users.delete(PROJECT, gone.userId)).toBe(false);
      // Its login id is free again.
      await store.users.create(user({ loginIds: ['+16505551234'] }));
    });

    describe('users.search', () => {
      const people = (): UserRecord[] => [
        user({ loginIds: ['+16505551234'], name: 'Ada Lovelace', createdAt: T0 + 1, roleNames: ['admin'] }),
        user({
          loginIds: ['grace@example.com'],
          email: 'Grace@Example.com',
          phone: '+447700900123',
          name: 'Grace Hopper',
          createdAt: T0 + 2,
          userTenants: [{ tenantId: 'T-eu', roleNames: ['editor'] }],
        }),
        user({
          loginIds: ['+5511987654321'],
          phone: '+5511987654321',
          name: 'Ana 100% Real',
          status: 'disabled',
          createdAt: T0 + 3,
        }),
        user({
          loginIds: ['alan_t'],
          name: 'Alan Turing',
          phone: undefined,
          status: 'invited',
          createdAt: T0 + 4,
          userTenants: [{ tenantId: 'T-us', roleNames: [] }],
        }),
        user({
          loginIds: ['+16505550000'],
          phone: '+16505550000',
          name: 'Test Robot',
          test: true,
          createdAt: T0 + 5,
        }),
        user({ projectId: OTHER_PROJECT, loginIds: ['+16505551234'], name: 'Ada Elsewhere' }),
      ];
      const names = (r: { users: UserRecord[] }) => r.users.map((u) => u.name);

      it.each([
        [
          'no filter: every non-test user of the project, oldest first',
          {},
          ['Ada Lovelace', 'Grace Hopper', 'Ana 100% Real', 'Alan Turing'],
        ],
        ['text matches name, case-insensitively', { text: 'hopper' }, ['Grace Hopper']],
        ['text matches email', { text: 'grace@EXAMPLE' }, ['Grace Hopper']],
        ['text matches phone', { text: '7700900' }, ['Grace Hopper']],
        ['text matches a login id', { text: 'ALAN_' }, ['Alan Turing']],
        ['text treats % and _ literally', { text: '100%' }, ['Ana 100% Real']],
        ['text with _ is not a wildcard', { text: 'a_a' }, []],
        ['statuses', { statuses: ['disabled', 'invited'] }, ['Ana 100% Real', 'Alan Turing']],
        ['loginIds, exactly', { loginIds: ['+16505551234', 'alan_t', '+1650555'] }, ['Ada Lovelace', 'Alan Turing']],
        ['tenantIds', { tenantIds: ['T-eu'] }, ['Grace Hopper']],
        [
          'roleNames: project roles and tenant roles',
          { roleNames: ['admin', 'editor'] },
          ['Ada Lovelace', 'Grace Hopper'],
        ],
        ['withTestUsers includes test users', { withTestUsers: true, text: 'robot' }, ['Test Robot']],
        ['test users are left out by default', { text: 'robot' }, []],
        [
          'empty filter lists mean no filter',
          { statuses: [], loginIds: [], tenantIds: [], roleNames: [] },
          ['Ada Lovelace', 'Grace Hopper', 'Ana 100% Real', 'Alan Turing'],
        ],
        ['filters combine with AND', { text: 'a', statuses: ['enabled'] }, ['Ada Lovelace', 'Grace Hopper']],
      ] as const)('users.search: %s', async (_name, query, expected) => {
        const store = await fresh();
        for (const u of people()) await store.users.create(u);
        const result = await store.users.search(PROJECT, {
          ...query,
          statuses: 'statuses' in query ? [...query.statuses] : undefined,
          loginIds: 'loginIds' in query ? [...query.loginIds] : undefined,
          tenantIds: 'tenantIds' in query ? [...query.tenantIds] : undefined,
          roleNames: 'roleNames' in query ? [...query.roleNames] : undefined,
        });
        expect(names(result)).toEqual(expected);
        expect(result.total).toBe(expected.length);
      });

      it('users.search: paging returns the page and the total of all matches', async () => {
        const store = await fresh();
        for (let i = 0; i < 7; i++) {
          await store.users.create(
            user({ loginIds: [`+1650555${String(1000 + i)}`], name: `User ${i}`, createdAt: T0 + i }),
          );
        }
        const page1 = await store.users.search(PROJECT, { limit: 3, page: 1 });
        expect(names(page1)).toEqual(['User 3', 'User 4', 'User 5']);
        expect(page1.total).toBe(7);
        const last = await store.users.search(PROJECT, { limit: 3, page: 2 });
        expect(names(last)).toEqual(['User 6']);
        expect((await store.users.search(PROJECT, { limit: 3, page: 5 })).users).toEqual([]);
      });

      it('users.search: the page size defaults to 100 (also for limit 0) and is capped at 1000', async () => {
        const store = await fresh();
        for (let i = 0; i < 1005; i++) {
          await store.users.create(user({ loginIds: [`+4477009${String(10000 + i)}`], createdAt: T0 + i }));
        }
        const byDefault = await store.users.search(PROJECT, {});
        expect(byDefault.users).toHaveLength(100);
        expect(byDefault.total).toBe(1005);
        expect((await store.users.search(PROJECT, { limit: 0 })).users).toHaveLength(100);
        expect((await store.users.search(PROJECT, { limit: 5000 })).users).toHaveLength(1000);
        expect((await store.users.search(PROJECT, { limit: 5000, page: 1 })).users).toHaveLength(5);
      });
    });
  });
}
