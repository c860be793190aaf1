// The janitor's retention pass on a real SQLite store: audit events and login history older than
// NOTP_AUDIT_RETENTION_DAYS go (a bounded batch per pass), recent ones stay, and 0 keeps everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock } from '@notp/test-utils/server';
import { loadConfig } from '../config/config.js';
import { createStore } from '../store/createStore.js';
import type { Store } from '../store/ports.js';
import type { SqliteStore } from '../store/sqlite/SqliteStore.js';
import { RETENTION_BATCH, runJanitor } from './startJanitor.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 5, 2, 9, 30);
const PROJECT = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6';
const USER = 'U2janitor00000000000000000001';

const dir = mkdtempSync(join(tmpdir(), 'notp-janitor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

describe('runJanitor: audit and login-history retention', () => {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  const setup = async (env: Record<string, string> = {}) => {
    const store = await createStore(`sqlite:${join(dir, `janitor-${++files}.db`)}`);
    opened.push(store);
    const clock: ManualClock = manualClock(T0);
    const deps = { store, clock, config: loadConfig(env) };
    return { store, clock, run: () => runJanitor(deps) };
  };

  /** One audit event and one login at each time. */
  const record = async (store: Store, times: number[]) => {
    for (const at of times) {
      await store.audit.append({
        projectId: PROJECT,
        type: 'signin',
        at,
        userId: USER,
        ip: '203.0.113.7',
        userAgent: '',
        reason: null,
        detail: '',
      });
      await store.loginHistory.add({
        projectId: PROJECT,
        userId: USER,
        loginTime: at,
        ip: '203.0.113.7',
        city: '',
        country: '',
      });
    }
  };
  const auditTimes = async (store: Store) =>
    (await store.audit.query(PROJECT, { limit: 1000 })).map((r) => r.at).sort((a, b) => a - b);
  const historyTimes = async (store: Store) =>
    (await store.loginHistory.list(PROJECT, USER, 1000)).map((e) => e.loginTime).sort((a, b) => a - b);

  it('removes what is older than the retention (365 days by default) and keeps the recent rows', async () => {
    const { store, clock, run } = await setup();
    const cutoff = T0 - 365 * DAY;
    await record(store, [T0 - 3000 * DAY, T0 - 400 * DAY, cutoff - 1, cutoff, T0 - DAY, T0]);

    expect(await run()).toMatchObject({ audit: 3, history: 3 });
    expect(await auditTimes(store)).toEqual([cutoff, T0 - DAY, T0]);
    expect(await historyTimes(store)).toEqual([cutoff, T0 - DAY, T0]);
    expect(await run()).toMatchObject({ audit: 0, history: 0 });

    // A day later the row that was exactly 365 days old has aged out too.
    clock.advance(DAY);
    expect(await run()).toMatchObject({ audit: 1, history: 1 });
    expect(await auditTimes(store)).toEqual([T0 - DAY, T0]);
    expect(await historyTimes(store)).toEqual([T0 - DAY, T0]);
  });

  it('NOTP_AUDIT_RETENTION_DAYS sets the window', async () => {
    const { store, run } = await setup({ NOTP_AUDIT_RETENTION_DAYS: '30' });
    await record(store, [T0 - 31 * DAY, T0 - 29 * DAY]);
    expect(await run()).toMatchObject({ audit: 1, history: 1 });
    expect(await auditTimes(store)).toEqual([T0 - 29 * DAY]);
    expect(await historyTimes(store)).toEqual([T0 - 29 * DAY]);
  });

  it('NOTP_AUDIT_RETENTION_DAYS=0 keeps everything, however old', async () => {
    const { store, clock, run } = await setup({ NOTP_AUDIT_RETENTION_DAYS: '0' });
    const times = [T0 - 3000 * DAY, T0 - 400 * DAY, T0];
    await record(store, times);
    clock.advance(100 * 365 * DAY);
    expect(await run()).toMatchObject({ audit: 0, history: 0 });
    expect(await auditTimes(store)).toEqual(times);
    expect(await historyTimes(store)).toEqual(times);
  });

  it(`a backlog larger than one batch goes ${RETENTION_BATCH} rows per table per pass, the rest in later passes`, async () => {
    const { store, run } = await setup({ NOTP_AUDIT_RETENTION_DAYS: '1' });
    // One transaction for the backlog: 2 × 10,005 single-row commits would make this test slow, not better.
    const { db } = store as SqliteStore;
    db.exec('BEGIN');
    await record(
      store,
      Array.from({ length: RETENTION_BATCH + 5 }, (_, i) => T0 - 10 * DAY + i),
    );
    db.exec('COMMIT');
    await record(store, [T0]);

    expect(await run()).toMatchObject({ audit: RETENTION_BATCH, history: RETENTION_BATCH });
    // Oldest first: what is left of the backlog is its newest five.
    const left = Array.from({ length: 5 }, (_, i) => T0 - 10 * DAY + RETENTION_BATCH + i);
    expect(await auditTimes(store)).toEqual([...left, T0]);
    expect(await historyTimes(store)).toEqual([...left, T0]);
    expect(await run()).toMatchObject({ audit: 5, history: 5 });
    expect(await run()).toMatchObject({ audit: 0, history: 0 });
    expect(await auditTimes(store)).toEqual([T0]);
  });

  it('deletes console sessions past their 12 h end or idle for 30 min, and keeps live ones', async () => {
    const { store, clock, run } = await setup();
    const session = (id: string, lastSeenAt: number, expiresAt: number) => ({
      id,
      tokenHash: id.repeat(64).slice(0, 64),
      projectId: PROJECT,
      userId: USER,
      createdAt: T0,
      lastSeenAt,
      expiresAt,
    });
    const MIN = 60_000;
    clock.advance(60 * MIN);
    await store.consoleSessions.create(session('a', clock.now() - 5 * MIN, T0 + 12 * 60 * MIN));
    await store.consoleSessions.create(session('b', clock.now() - 31 * MIN, T0 + 12 * 60 * MIN));
    await store.consoleSessions.create(session('c', clock.now() - MIN, clock.now()));
    expect(await run()).toMatchObject({ consoleSessions: 2 });
    expect(await store.consoleSessions.findByTokenHash('a'.repeat(64))).not.toBeNull();
  });
});
