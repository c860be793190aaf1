// Store conformance of `LoginHistoryStore` (store/sessionPorts.ts).
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, MIN, DAY, PROJECT, OTHER_PROJECT } from './fixtures.js';

/** Registers the cases of `store.loginHistory`. */
export function describeLoginHistory({ fresh }: ConformanceContext): void {
  describe('loginHistory', () => {
    it('loginHistory.list returns the user’s logins newest first', async () => {
      const store = await fresh();
      const userId = 'U2hhhhhhhhhhhhhhhhhhhhhhhhhhh';
      const entries = [0, 2, 1].map((i) => ({
        projectId: PROJECT,
        userId,
        loginTime: T0 + i * MIN,
        ip: `203.0.113.${i}`,
        city: 'Lisbon',
        country: 'PT',
      }));
      for (const e of entries) await store.loginHistory.add(e);
      await store.loginHistory.add({
        projectId: PROJECT,
        userId: 'U-other',
        loginTime: T0,
        ip: '198.51.100.1',
        city: '',
        country: '',
      });
      expect((await store.loginHistory.list(PROJECT, userId)).map((e) => e.ip)).toEqual([
        '203.0.113.2',
        '203.0.113.1',
        '203.0.113.0',
      ]);
      expect(await store.loginHistory.list(PROJECT, userId, 1)).toEqual([entries[1]]);
      expect(await store.loginHistory.list(OTHER_PROJECT, userId)).toEqual([]);
    });

    it('loginHistory.list returns at most 50 by default', async () => {
      const store = await fresh();
      for (let i = 0; i < 55; i++) {
        await store.loginHistory.add({
          projectId: PROJECT,
          userId: 'U2iiiiiiiiiiiiiiiiiiiiiiiiiii',
          loginTime: T0 + i,
          ip: '203.0.113.7',
          city: '',
          country: '',
        });
      }
      const list = await store.loginHistory.list(PROJECT, 'U2iiiiiiiiiiiiiiiiiiiiiiiiiii');
      expect(list).toHaveLength(50);
      expect(list[0]?.loginTime).toBe(T0 + 54);
    });

    const login = (userId: string, loginTime: number, projectId = PROJECT) => ({
      projectId,
      userId,
      loginTime,
      ip: '203.0.113.7',
      city: '',
      country: '',
    });

    it('loginHistory.deleteOlderThan deletes only logins before the cut-off, in every project; nothing to delete → 0', async () => {
      const store = await fresh();
      const cutoff = T0 - 365 * DAY;
      expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(0); // empty table
      const a = 'U2retainaaaaaaaaaaaaaaaaaaaaa';
      const b = 'U2retainbbbbbbbbbbbbbbbbbbbbb';
      for (const t of [T0 - DAY, T0 - 400 * DAY, T0, cutoff, T0 - 366 * DAY]) await store.loginHistory.add(login(a, t));
      await store.loginHistory.add(login(b, T0 - 500 * DAY, OTHER_PROJECT));
      await store.loginHistory.add(login(b, T0, OTHER_PROJECT));
      expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(3);
      // A login exactly at the cut-off is not older than it: it stays.
      expect((await store.loginHistory.list(PROJECT, a)).map((e) => e.loginTime)).toEqual([T0, T0 - DAY, cutoff]);
      expect((await store.loginHistory.list(OTHER_PROJECT, b)).map((e) => e.loginTime)).toEqual([T0]);
      expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(0); // only recent rows left
    });

    it('loginHistory.deleteOlderThan deletes at most limit, oldest first; the rest goes in the next call', async () => {
      const store = await fresh();
      const userId = 'U2retainccccccccccccccccccccc';
      // Added out of time order, so "oldest first" cannot be mistaken for "first added".
      for (const i of [3, 0, 4, 1, 2]) await store.loginHistory.add(login(userId, T0 - 10 * DAY + i * MIN));
      await store.loginHistory.add(login(userId, T0));
      const cutoff = T0 - DAY;
      const times = async () => (await store.loginHistory.list(PROJECT, userId)).map((e) => e.loginTime);
      expect(await store.loginHistory.deleteOlderThan(cutoff, 0)).toBe(0);
      expect(await store.loginHistory.deleteOlderThan(cutoff, -1)).toBe(0); // never "no limit"
      expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(2);
      expect(await times()).toEqual([T0, T0 - 10 * DAY + 4 * MIN, T0 - 10 * DAY + 3 * MIN, T0 - 10 * DAY + 2 * MIN]);
      expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(2);
      expect(await times()).toEqual([T0, T0 - 10 * DAY + 4 * MIN]);
      expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(1);
      expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(0);
      expect(await times()).toEqual([T0]);
    });
  });
}
