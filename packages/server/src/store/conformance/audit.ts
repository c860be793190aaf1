// Store conformance of `AuditStore` (store/auditPorts.ts).
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Store } from '../ports.js';
import { type ConformanceContext, T0, MIN, DAY, PROJECT, OTHER_PROJECT } from './fixtures.js';

/** Registers the cases of `store.audit`. */
export function describeAudit({ fresh }: ConformanceContext): void {
  describe('audit', () => {
    const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
      projectId: PROJECT,
      type: 'signin',
      at: T0,
      userId: 'U2audit000000000000000000001',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      reason: null,
      detail: '',
      actorUserId: null,
      ...overrides,
    });

    it('audit.append/query round-trips every field, oldest first, with increasing ids', async () => {
      const store = await fresh();
      const a = event({ type: 'signup', at: T0 });
      const b = event({ type: 'login-failed', at: T0 + MIN, reason: 'E902004', userId: null, ip: '', userAgent: '' });
      const c = event({
        type: 'management',
        at: T0 + 2 * MIN,
        detail: 'POST /v1/mgmt/user/create',
        actorUserId: 'U2admin000000000000000000001',
      });
      for (const e of [a, b, c]) await store.audit.append(e);
      const got = await store.audit.query(PROJECT, {});
      expect(got.map(({ id: _id, ...rest }) => rest)).toEqual([a, b, c]);
      const ids = got.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(3);
    });

    it('audit.query filters by user, type and time, and never crosses projects', async () => {
      const store = await fresh();
      await store.audit.append(event({ userId: 'U-a', type: 'signin', at: T0 }));
      await store.audit.append(event({ userId: 'U-b', type: 'signin', at: T0 + MIN }));
      await store.audit.append(event({ userId: 'U-a', type: 'refresh', at: T0 + 2 * MIN }));
      await store.audit.append(event({ projectId: OTHER_PROJECT, userId: 'U-a', type: 'signin', at: T0 + 3 * MIN }));
      const pick = async (q: Parameters<Store['audit']['query']>[1]) =>
        (await store.audit.query(PROJECT, q)).map((r) => `${r.userId}/${r.type}`);
      expect(await pick({ userId: 'U-a' })).toEqual(['U-a/signin', 'U-a/refresh']);
      expect(await pick({ type: 'signin' })).toEqual(['U-a/signin', 'U-b/signin']);
      expect(await pick({ userId: 'U-a', type: 'refresh' })).toEqual(['U-a/refresh']);
      expect(await pick({ since: T0 + MIN })).toEqual(['U-b/signin', 'U-a/refresh']);
      expect(await pick({ until: T0 + MIN })).toEqual(['U-a/signin', 'U-b/signin']);
      expect(await pick({ since: T0 + MIN, until: T0 + MIN })).toEqual(['U-b/signin']);
      expect(await pick({ order: 'newest-first' })).toEqual(['U-a/refresh', 'U-b/signin', 'U-a/signin']);
      expect(await pick({ order: 'newest-first', userId: 'U-a', until: T0 + 2 * MIN })).toEqual([
        'U-a/refresh',
        'U-a/signin',
      ]);
      expect(await pick({ userId: 'nobody' })).toEqual([]);
      expect((await store.audit.query(OTHER_PROJECT, {})).map((r) => r.userId)).toEqual(['U-a']);
    });

    it('audit.query pages by afterId (oldest first) or beforeId (newest first); limit defaults to 100 and is capped at 1000', async () => {
      const store = await fresh();
      for (let i = 0; i < 1005; i++) await store.audit.append(event({ at: T0 + i }));
      const first = await store.audit.query(PROJECT, { limit: 2 });
      expect(first.map((r) => r.at)).toEqual([T0, T0 + 1]);
      const second = await store.audit.query(PROJECT, { limit: 2, afterId: first[1]!.id });
      expect(second.map((r) => r.at)).toEqual([T0 + 2, T0 + 3]);
      // Newest first pages backwards by beforeId.
      const newest = await store.audit.query(PROJECT, { limit: 2, order: 'newest-first' });
      expect(newest.map((r) => r.at)).toEqual([T0 + 1004, T0 + 1003]);
      const older = await store.audit.query(PROJECT, { limit: 2, order: 'newest-first', beforeId: newest[1]!.id });
      expect(older.map((r) => r.at)).toEqual([T0 + 1002, T0 + 1001]);
      expect(await store.audit.query(PROJECT, {})).toHaveLength(100);
      expect(await store.audit.query(PROJECT, { limit: 0 })).toHaveLength(100);
      expect(await store.audit.query(PROJECT, { limit: 5000 })).toHaveLength(1000);
    });

    it('audit.deleteOlderThan deletes only events before the cut-off, in every project; nothing to delete → 0', async () => {
      const store = await fresh();
      const cutoff = T0 - 365 * DAY;
      expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(0); // empty table
      for (const at of [T0 - DAY, T0 - 400 * DAY, T0, cutoff, T0 - 366 * DAY]) await store.audit.append(event({ at }));
      await store.audit.append(event({ projectId: OTHER_PROJECT, at: T0 - 500 * DAY }));
      await store.audit.append(event({ projectId: OTHER_PROJECT, at: T0 }));
      expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(3);
      // An event exactly at the cut-off is not older than it: it stays. The rest still reads oldest first by id.
      const left = await store.audit.query(PROJECT, {});
      expect(left.map((r) => r.at)).toEqual([T0 - DAY, T0, cutoff]);
      expect(left.map((r) => r.id)).toEqual([...left.map((r) => r.id)].sort((x, y) => x - y));
      expect((await store.audit.query(OTHER_PROJECT, {})).map((r) => r.at)).toEqual([T0]);
      expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(0); // only recent rows left
    });

    it('audit.deleteOlderThan deletes at most limit, oldest first; the rest goes in the next call', async () => {
      const store = await fresh();
      // Appended out of time order, so "oldest first" cannot be mistaken for "lowest id first".
      for (const i of [3, 0, 4, 1, 2]) await store.audit.append(event({ at: T0 - 10 * DAY + i * MIN }));
      await store.audit.append(event({ at: T0 }));
      const cutoff = T0 - DAY;
      const times = async () => (await store.audit.query(PROJECT, {})).map((r) => r.at);
      expect(await store.audit.deleteOlderThan(cutoff, 0)).toBe(0);
      expect(await store.audit.deleteOlderThan(cutoff, -1)).toBe(0); // never "no limit"
      expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(2);
      expect(await times()).toEqual([T0 - 10 * DAY + 3 * MIN, T0 - 10 * DAY + 4 * MIN, T0 - 10 * DAY + 2 * MIN, T0]);
      expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(2);
      expect(await times()).toEqual([T0 - 10 * DAY + 4 * MIN, T0]);
      expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(1);
      expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(0);
      expect(await times()).toEqual([T0]);
    });
  });
}
