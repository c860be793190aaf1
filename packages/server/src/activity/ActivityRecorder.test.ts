// ActivityRecorder: counts fold into per-minute rows in memory; a flush writes them in one store call, or keeps them.
import { describe, expect, it } from 'vitest';
import type { ActivityIncrement, ActivityStore } from '../store/activityPorts.js';
import { createStore } from '../store/createStore.js';
import { ActivityRecorder, MAX_PENDING_ROWS } from './ActivityRecorder.js';

const T0 = Date.UTC(2025, 5, 2, 9, 30);
const P = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6';
const quiet = { warn: () => {} };

/** The real SQLite store, with its `add` calls recorded, and a switch that makes the next one fail. */
async function recordingStore() {
  const store = await createStore('sqlite::memory:');
  const calls: ActivityIncrement[][] = [];
  let failNext = false;
  const activity: ActivityStore = {
    sums: (...a) => store.activity.sums(...a),
    lastAt: (...a) => store.activity.lastAt(...a),
    countExpiredLogins: (...a) => store.activity.countExpiredLogins(...a),
    deleteOlderThan: (...a) => store.activity.deleteOlderThan(...a),
    add: async (increments) => {
      if (failNext) {
        failNext = false;
        throw new Error('database unavailable');
      }
      calls.push([...increments]);
      return store.activity.add(increments);
    },
  };
  return { store, activity, calls, failOnce: () => (failNext = true) };
}

describe('ActivityRecorder', () => {
  it('folds counts per project, minute and metric, and writes them all in one store call per flush', async () => {
    const { store, activity, calls } = await recordingStore();
    const rec = new ActivityRecorder(activity, () => T0 + 5_000, quiet);
    rec.count(P, 'started');
    rec.count(P, 'started');
    rec.count(P, 'started', 1, T0 + 61_000);
    rec.count('', 'reply-sent', 3);
    await rec.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(3);
    await rec.flush(); // nothing new: no store call
    expect(calls).toHaveLength(1);
    expect(await store.activity.sums(P, T0, T0 + 120_000, 60_000)).toEqual([
      { bucket: T0, metric: 'started', count: 2, lastAt: T0 + 5_000 },
      { bucket: T0 + 60_000, metric: 'started', count: 1, lastAt: T0 + 61_000 },
    ]);
    expect(await store.activity.sums('', T0, T0 + 60_000, 60_000)).toEqual([
      { bucket: T0, metric: 'reply-sent', count: 3, lastAt: T0 + 5_000 },
    ]);
    await store.close();
  });

  it('keeps the counts of a failed flush for the next one, merged with what came in meanwhile', async () => {
    const { store, activity, failOnce } = await recordingStore();
    const rec = new ActivityRecorder(activity, () => T0, quiet);
    rec.count(P, 'completed', 2);
    failOnce();
    await expect(rec.flush()).rejects.toThrow('database unavailable');
    rec.count(P, 'completed');
    await rec.flush();
    expect(await store.activity.sums(P, T0, T0 + 60_000, 60_000)).toEqual([
      { bucket: T0, metric: 'completed', count: 3, lastAt: T0 },
    ]);
    await store.close();
  });

  it('stop writes what is left; concurrent flushes write each count once', async () => {
    const { store, activity } = await recordingStore();
    const rec = new ActivityRecorder(activity, () => T0, quiet);
    rec.start(60_000);
    rec.count(P, 'received');
    const a = rec.flush();
    rec.count(P, 'received');
    await Promise.all([a, rec.flush(), rec.flush()]);
    rec.count(P, 'received');
    await rec.stop();
    expect(await store.activity.sums(P, T0, T0 + 60_000, 60_000)).toEqual([
      { bucket: T0, metric: 'received', count: 3, lastAt: T0 },
    ]);
    await store.close();
  });

  it('holds at most MAX_PENDING_ROWS distinct rows between flushes (existing rows still count)', async () => {
    const { store, activity, calls } = await recordingStore();
    const rec = new ActivityRecorder(activity, () => T0, quiet);
    for (let i = 0; i <= MAX_PENDING_ROWS; i++) rec.count(`P${i}`, 'started');
    rec.count('P0', 'started');
    await rec.flush();
    expect(calls[0]).toHaveLength(MAX_PENDING_ROWS);
    expect(calls[0]?.[0]).toMatchObject({ projectId: 'P0', count: 2 });
    await store.close();
  });
});
