// Conformance suite of the ActivityStore port (activityPorts.ts): every adapter runs it beside the Store suite.
import { afterEach, describe, expect, it } from 'vitest';
import { type ActivityIncrement, minuteOf } from './activityPorts.js';
import { pending } from './conformance.js';
import type { PendingAuthRecord, Store } from './ports.js';

export interface ActivityConformanceOptions {
  name: string;
  /** A fresh, empty, migrated store; called once per test. */
  make: () => Promise<Store>;
  /** A second, independent connection to the same database as `store` (another instance of the server). */
  openAgain: (store: Store) => Promise<Store>;
}

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 2, 9, 30); // a minute start
const P = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6';
const OTHER = 'P2aB3cD4eF5gH6iJ7kL8mN9oP0qR';

const inc = (metric: string, minute: number, count = 1, over: Partial<ActivityIncrement> = {}): ActivityIncrement => ({
  projectId: P,
  minute,
  metric,
  count,
  lastAt: minute + 1_000,
  ...over,
});

/** A pending login in `status` expiring at `expiresAt` (the Store suite's record). */
const expiring = (status: PendingAuthRecord['status'], expiresAt: number, projectId = P): PendingAuthRecord =>
  pending({ status, expiresAt, projectId, createdAt: expiresAt - 5 * MIN });

export function runActivityConformance(options: ActivityConformanceOptions): void {
  describe(`ActivityStore conformance: ${options.name}`, () => {
    let open: Store[] = [];
    const keep = (s: Store): Store => {
      open.push(s);
      return s;
    };
    const make = async (): Promise<Store> => keep(await options.make());
    afterEach(async () => {
      await Promise.all(open.map((s) => s.close()));
      open = [];
    });

    it('add sums counts per row and keeps the latest lastAt; sums groups by bucket and metric, one project only', async () => {
      const { activity } = await make();
      await activity.add([]);
      await activity.add([inc('started', T0, 2), inc('started', T0, 3, { lastAt: T0 + 50_000 }), inc('completed', T0)]);
      await activity.add([inc('started', T0 + MIN, 4), inc('started', T0, 1, { lastAt: T0 + 10 })]);
      await activity.add([inc('started', T0, 100, { projectId: OTHER })]);
      expect(await activity.sums(P, T0, T0 + 2 * MIN, MIN)).toEqual([
        { bucket: T0, metric: 'completed', count: 1, lastAt: T0 + 1_000 },
        { bucket: T0, metric: 'started', count: 6, lastAt: T0 + 50_000 },
        { bucket: T0 + MIN, metric: 'started', count: 4, lastAt: T0 + MIN + 1_000 },
      ]);
      // One 5-minute bucket holds both minutes; `to` is exclusive, `from` inclusive.
      const five = 5 * MIN;
      expect(await activity.sums(P, T0, T0 + 2 * MIN, five)).toEqual([
        { bucket: Math.floor(T0 / five) * five, metric: 'completed', count: 1, lastAt: T0 + 1_000 },
        { bucket: Math.floor(T0 / five) * five, metric: 'started', count: 10, lastAt: T0 + MIN + 1_000 },
      ]);
      expect(await activity.sums(P, T0 + MIN, T0 + 2 * MIN, MIN)).toEqual([
        { bucket: T0 + MIN, metric: 'started', count: 4, lastAt: T0 + MIN + 1_000 },
      ]);
      expect(await activity.sums(P, T0, T0 + MIN, MIN)).toHaveLength(2);
      expect(await activity.sums(OTHER, T0, T0 + 2 * MIN, MIN)).toEqual([
        { bucket: T0, metric: 'started', count: 100, lastAt: T0 + 1_000 },
      ]);
      expect(await activity.sums('P-none', T0, T0 + 2 * MIN, MIN)).toEqual([]);
    });

    it('two instances on one database: concurrent adds all count, and each sees the other’s rows', async () => {
      const a = await make();
      const b = keep(await options.openAgain(a));
      const batch = (i: number) => [inc('started', T0, 1, { lastAt: T0 + i }), inc('received', T0 + (i % 3) * MIN)];
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).activity.add(batch(i))));
      for (const s of [a, b]) {
        const sums = await s.activity.sums(P, T0, T0 + 3 * MIN, 3 * MIN);
        const bucket = Math.floor(T0 / (3 * MIN)) * 3 * MIN;
        expect(sums).toEqual([
          { bucket, metric: 'received', count: 20, lastAt: T0 + 2 * MIN + 1_000 },
          { bucket, metric: 'started', count: 20, lastAt: T0 + 19 },
        ]);
      }
    });

    it('lastAt is the latest of a metric over every stored minute, null when none', async () => {
      const { activity } = await make();
      expect(await activity.lastAt('', 'webhook')).toBeNull();
      await activity.add([
        inc('webhook', T0, 1, { projectId: '', lastAt: T0 + 5 }),
        inc('webhook', T0 + 3 * MIN, 1, { projectId: '', lastAt: T0 + 3 * MIN + 7 }),
        inc('reply-sent', T0 + 9 * MIN, 1, { projectId: '', lastAt: T0 + 9 * MIN }),
        inc('webhook', T0 + 9 * MIN, 1, { lastAt: T0 + 9 * MIN }),
      ]);
      expect(await activity.lastAt('', 'webhook')).toBe(T0 + 3 * MIN + 7);
      expect(await activity.lastAt(P, 'webhook')).toBe(T0 + 9 * MIN);
    });

    it('countExpiredLogins counts each login that expired unfinished once, in its expiry minute, across instances', async () => {
      const store = await make();
      const other = keep(await options.openAgain(store));
      const now = T0 + 10 * MIN;
      const rows = [
        expiring('pending', T0 + 30_000),
        expiring('pending', T0 + 50_000),
        expiring('awaiting-confirmation', T0 + MIN + 1),
        expiring('pending', T0 + 2_000, OTHER),
        expiring('verified', T0 + 1_000),
        expiring('failed', T0 + 1_000),
        expiring('consumed', T0 + 1_000),
        expiring('pending', now + 1), // still live: not counted
      ];
      for (const r of rows) await store.pendingAuths.create(r);
      // Two instances' janitors at once: every login is counted by one of them only.
      const counted = await Promise.all([
        store.activity.countExpiredLogins(now, 'failed:expired'),
        other.activity.countExpiredLogins(now, 'failed:expired'),
      ]);
      expect(counted[0] + counted[1]).toBe(4);
      // The next pass (and a later one, once the live login has expired too) counts only what is new.
      expect(await store.activity.countExpiredLogins(now, 'failed:expired')).toBe(0);
      expect(await other.activity.countExpiredLogins(now + 2, 'failed:expired')).toBe(1);
      expect(await store.activity.sums(P, T0, now + MIN, MIN)).toEqual([
        { bucket: T0, metric: 'failed:expired', count: 2, lastAt: T0 + 50_000 },
        { bucket: T0 + MIN, metric: 'failed:expired', count: 1, lastAt: T0 + MIN + 1 },
        { bucket: minuteOf(now + 1), metric: 'failed:expired', count: 1, lastAt: now + 1 },
      ]);
      expect(await store.activity.sums(OTHER, T0, now, MIN)).toEqual([
        { bucket: T0, metric: 'failed:expired', count: 1, lastAt: T0 + 2_000 },
      ]);
      // Counting changes nothing else: the logins are still there for late polls until the janitor deletes them.
      expect((await store.pendingAuths.get(rows[0]!.id))?.status).toBe('pending');
    });

    it('deleteOlderThan deletes at most limit rows of every project, oldest first', async () => {
      const { activity } = await make();
      await activity.add([
        inc('started', T0 + 2 * MIN),
        inc('started', T0),
        inc('started', T0 + MIN, 1, { projectId: OTHER }),
        inc('completed', T0 + 5 * MIN),
      ]);
      expect(await activity.deleteOlderThan(T0 + 5 * MIN, 2)).toBe(2);
      expect(await activity.sums(P, T0, T0 + 10 * MIN, MIN)).toEqual([
        { bucket: T0 + 2 * MIN, metric: 'started', count: 1, lastAt: T0 + 2 * MIN + 1_000 },
        { bucket: T0 + 5 * MIN, metric: 'completed', count: 1, lastAt: T0 + 5 * MIN + 1_000 },
      ]);
      expect(await activity.deleteOlderThan(T0 + 5 * MIN, 2)).toBe(1);
      expect(await activity.deleteOlderThan(T0 + 5 * MIN, 2)).toBe(0);
      expect(await activity.sums(P, T0, T0 + 10 * MIN, MIN)).toHaveLength(1);
    });
  });
}
