// The PostgreSQL adapter: the shared store conformance suite on a private throwaway cluster (a fresh database per
// test), plus PostgreSQL specifics (migrations once under concurrent starts, URLs, bigint/jsonb round trips).
import { errors, NotpError } from '@notp/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActivityConformance } from '../activityConformance.js';
import { runAuthzConformance } from '../authzConformance.js';
import { runStoreConformance } from '../conformance.js';
import { runUserSearchConformance } from '../userSearchConformance.js';
import { createStore } from '../createStore.js';
import type { Store } from '../ports.js';
import { applyPostgresMigrations } from './applyPostgresMigrations.js';
import { postgresMigrations } from './migrations.js';
import { SQLITE_MEMORY, SqliteStore } from '../sqlite/SqliteStore.js';
import { PostgresStore } from './PostgresStore.js';
import { PrivatePostgres, postgresTestsEnabled } from './testing/PrivatePostgres.js';

const enabled = postgresTestsEnabled();
let cluster: PrivatePostgres | undefined;
const urlOf = new WeakMap<Store, string>();

beforeAll(async () => {
  if (enabled) cluster = await PrivatePostgres.start();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const freshUrl = (): Promise<string> => {
  if (!cluster) throw new Error('PostgreSQL cluster not started');
  return cluster.createDatabase();
};

/** A store on a new database, whose URL is remembered (to reopen it, or to open it again beside it). */
const trackedStore = async (): Promise<Store> => {
  const url = await freshUrl();
  const store = await createStore(url);
  urlOf.set(store, url);
  return store;
};

describe.skipIf(!enabled)('PostgreSQL (private cluster)', () => {
  runStoreConformance({
    name: 'postgres',
    make: trackedStore,
    reopen: async (closed) => {
      const url = urlOf.get(closed);
      if (!url) throw new Error('reopen: store was not made by this suite');
      return createStore(url);
    },
  });

  runAuthzConformance({ name: 'postgres', make: async () => createStore(await freshUrl()) });
  runActivityConformance({
    name: 'postgres',
    make: trackedStore,
    openAgain: async (store) => createStore(urlOf.get(store) ?? ''),
  });
  runUserSearchConformance({ name: 'postgres', make: async () => createStore(await freshUrl()) });

  describe('PostgresStore (PostgreSQL specifics)', () => {
    it('createStore routes postgres:// and postgresql:// URLs to the pooled PostgreSQL adapter', async () => {
      const url = await freshUrl();
      for (const u of [url, url.replace(/^postgres:/, 'postgresql:')]) {
        const store = await createStore(u);
        try {
          expect(store).toBeInstanceOf(PostgresStore);
          expect(store.kind).toBe('postgres');
        } finally {
          await store.close();
        }
      }
    });

    it('an unreachable server fails the start with an error that does not leak the password', async () => {
      const port = cluster!.port;
      // Nothing listens on port 1 of loopback: connection refused at once.
      const err = await createStore(`postgres://notp:hunter2secret@127.0.0.1:1/notp`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).not.toContain('hunter2secret');
      expect(port).toBeGreaterThan(0);
    });

    it('10 instances starting at once on an empty database apply each migration exactly once', async () => {
      const url = await freshUrl();
      const stores = await Promise.all(Array.from({ length: 10 }, () => PostgresStore.open(url, { poolSize: 2 })));
      try {
        const rows = await stores[0]!.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
        expect(rows.rows).toEqual(postgresMigrations.map((m) => ({ version: m.version, name: m.name })));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('applyPostgresMigrations applies only what is missing, in order, and refuses a newer schema', async () => {
      const pool = new pg.Pool({ connectionString: await freshUrl(), max: 1 });
      try {
        const v1 = { version: 1, name: 'a', sql: 'CREATE TABLE a (x integer)' };
        const v2 = { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y integer' };
        expect(await applyPostgresMigrations(pool, [v1])).toEqual([1]);
        expect(await applyPostgresMigrations(pool, [v2, v1])).toEqual([2]);
        expect(await applyPostgresMigrations(pool, [v1, v2])).toEqual([]);
        await expect(applyPostgresMigrations(pool, [v1])).rejects.toThrow(/newer than this server knows/);
        // A failing migration leaves nothing behind (it ran inside the transaction).
        const bad = { version: 3, name: 'bad', sql: 'CREATE TABLE c (x integer); SELECT no_such_function()' };
        await expect(applyPostgresMigrations(pool, [v1, v2, bad])).rejects.toThrow();
        const tables = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'c'");
        expect(tables.rowCount).toBe(0);
      } finally {
        await pool.end();
      }
    });

    it('migration 6 moves settings.appName into the project name and drops the setting', async () => {
      const pool = new pg.Pool({ connectionString: await freshUrl(), max: 1 });
      try {
        await applyPostgresMigrations(
          pool,
          postgresMigrations.filter((m) => m.version < 6),
        );
        const insert =
          'INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES ($1, $2, $3, $4, $5)';
        await pool.query(insert, ['P1', 'Development', 'h', { appName: 'Acme “Shop”', confirmation: true }, 1]);
        await pool.query(insert, ['P2', 'Other', 'h', { confirmation: false }, 2]);
        expect(await applyPostgresMigrations(pool, postgresMigrations)).toEqual(
          postgresMigrations.map((m) => m.version).filter((v) => v >= 6),
        );
        const rows = await pool.query('SELECT name, settings FROM projects ORDER BY project_id');
        expect(rows.rows).toEqual([
          { name: 'Acme “Shop”', settings: { confirmation: true } },
          { name: 'Other', settings: { confirmation: false } },
        ]);
      } finally {
        await pool.end();
      }
    });

    it('the schema mirrors SQLite: the same tables with the same columns in the same order', async () => {
      const store = await PostgresStore.open(await freshUrl());
      const lite = SqliteStore.open(SQLITE_MEMORY);
      try {
        const r = await store.pool.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
        );
        const pgSchema: Record<string, string[]> = {};
        for (const row of r.rows) {
          pgSchema[row.table_name] = [...(pgSchema[row.table_name] ?? []), row.column_name];
        }
        const tables = lite.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[];
        const liteSchema: Record<string, string[]> = {};
        for (const { name } of tables) {
          liteSchema[name] = (lite.db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map(
            (c) => c.name,
          );
        }
        expect(Object.keys(liteSchema)).toContain('pending_auths');
        expect(pgSchema).toEqual(liteSchema);
      } finally {
        await store.close();
        await lite.close();
      }
    });

    it('the schema mirrors SQLite: the same named indexes on the same tables', async () => {
      const store = await PostgresStore.open(await freshUrl());
      const lite = SqliteStore.open(SQLITE_MEMORY);
      try {
        // Indexes that back a PRIMARY KEY or UNIQUE constraint are named by each database itself: left out.
        const r = await store.pool.query<{ tablename: string; indexname: string }>(
          `SELECT tablename, indexname FROM pg_indexes
            WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)
            ORDER BY tablename, indexname`,
        );
        const pgIndexes = r.rows.map((row) => `${row.tablename}.${row.indexname}`);
        const liteIndexes = (
          lite.db
            .prepare(
              `SELECT tbl_name, name FROM sqlite_master
                WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY tbl_name, name`,
            )
            .all() as { tbl_name: string; name: string }[]
        ).map((row) => `${row.tbl_name}.${row.name}`);
        expect(liteIndexes).toContain('audit_events.audit_events_at');
        expect(pgIndexes).toEqual(liteIndexes);
      } finally {
        await store.close();
        await lite.close();
      }
    });

    it('text PostgreSQL cannot store (NUL) is a 400 invalid-arguments error that writes nothing, not a 500', async () => {
      const store = await createStore(await freshUrl());
      try {
        const base = {
          projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
          loginIds: ['+16505551234'],
          verifiedEmail: false,
          verifiedPhone: true,
          roleNames: [],
          userTenants: [],
          status: 'enabled' as const,
          test: false,
          createdAt: 1,
          updatedAt: 1,
        };
        const cases = [
          { ...base, userId: 'U1', name: 'nul\u0000name', customAttributes: {} }, // text column
          { ...base, userId: 'U2', customAttributes: { note: 'nul\u0000' } }, // inside jsonb
        ];
        for (const u of cases) {
          const err = await store.users.create(u).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(NotpError);
          expect((err as NotpError).code).toBe(errors.invalidArguments.code);
          expect((err as NotpError).status).toBe(400);
        }
        // Lookups with such text fail the same way (the driver sends it as a parameter).
        await expect(store.users.getByLoginId(base.projectId, 'a\u0000b')).rejects.toBeInstanceOf(NotpError);
        expect(await store.users.getByLoginId(base.projectId, '+16505551234')).toBeNull();
        // The pool is still healthy afterwards.
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('close is idempotent and ping fails after close', async () => {
      const store = await createStore(await freshUrl());
      await store.close();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
});
