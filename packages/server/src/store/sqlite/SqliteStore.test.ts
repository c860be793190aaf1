// The SQLite adapter: the shared store conformance suite on temp files and in memory, plus SQLite-only behaviour.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config.js';
import { runStoreConformance } from '../conformance.js';
import { createStore } from '../createStore.js';
import type { Store } from '../ports.js';
import { applyMigrations } from './applyMigrations.js';
import { migrations } from './migrations.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'notp-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
const newDbPath = (): string => join(dir, `db-${++fileCount}`, 'notp.db');
const pathOf = new WeakMap<Store, string>();

runStoreConformance({
  name: 'sqlite (file)',
  make: async () => {
    const path = newDbPath();
    const store = await createStore(`sqlite:${path}`);
    pathOf.set(store, path);
    return store;
  },
  reopen: async (closed) => {
    const path = pathOf.get(closed);
    if (!path) throw new Error('reopen: store was not made by this suite');
    return createStore(`sqlite:${path}`);
  },
});

runStoreConformance({ name: 'sqlite (:memory:)', make: () => createStore('sqlite::memory:') });

describe('SqliteStore (SQLite specifics)', () => {
  const opened: SqliteStore[] = [];
  const open = (path: string): SqliteStore => {
    const s = SqliteStore.open(path);
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('creates the database directory and runs in WAL mode with the durability pragmas', () => {
    const path = newDbPath();
    const store = open(path);
    expect(existsSync(path)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies each migration once, however often the database is reopened', async () => {
    const path = newDbPath();
    await open(path).close(), await open(path).close();
    const s = open(path);
    const rows = s.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
  });

  it('applyMigrations applies only what is missing, in version order', () => {
    const db = new Database(':memory:');
    try {
      const v1 = { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' };
      const v2 = { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y INTEGER' };
      expect(applyMigrations(db, [v1])).toEqual([1]);
      expect(applyMigrations(db, [v2, v1])).toEqual([2]);
      expect(applyMigrations(db, [v1, v2])).toEqual([]);
      expect(
        db
          .prepare('SELECT * FROM pragma_table_info(?)')
          .all('a')
          .map((c) => (c as { name: string }).name),
      ).toEqual(['x', 'y']);
    } finally {
      db.close();
    }
  });

  it('a failing migration rolls back entirely and is not recorded', () => {
    const db = new Database(':memory:');
    try {
      const good = { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' };
      const bad = { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)' };
      expect(() => applyMigrations(db, [good, bad])).toThrow(/nowhere/);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      expect(tables).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer schema', () => {
    const path = newDbPath();
    const s = open(path);
    s.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(9999, 'future', 0);
    s.db.close();
    expect(() => SqliteStore.open(path)).toThrow(/newer than this server knows/);
  });

  it('two connections to one file see each other’s writes (what a restart or a second process relies on)', async () => {
    const path = newDbPath();
    const a = open(path);
    const b = open(path);
    expect(await a.webhookMessages.record('cloud-api:wamid.shared', 1)).toBe(true);
    expect(await b.webhookMessages.record('cloud-api:wamid.shared', 2)).toBe(false);
  });
});

describe('createStore', () => {
  it.each([['postgres://notp:secret@db.internal:5432/notp'], ['postgresql://notp@localhost/notp']])(
    '%s → ConfigError: the PostgreSQL adapter is not available yet',
    async (url) => {
      const err = await createStore(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/PostgreSQL store adapter is not available yet/);
      expect((err as Error).message).not.toContain('secret');
    },
  );

  it.each([['sqlite:'], ['mysql://localhost/notp']])('%s → ConfigError', async (url) => {
    await expect(createStore(url)).rejects.toBeInstanceOf(ConfigError);
  });

  it('sqlite:///absolute/path opens that file', async () => {
    const path = newDbPath();
    const store = await createStore(`sqlite://${path}`);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });
});
