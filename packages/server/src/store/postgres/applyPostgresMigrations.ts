// Brings a PostgreSQL database up to the newest schema: each missing migration once, all in one transaction,
// under an advisory lock so that N instances starting at once migrate one after the other.
import type pg from 'pg';
import type { Migration } from '../sqlite/migrations.js';
import { inTransaction } from './inTransaction.js';
import { postgresMigrations } from './migrations.js';

/** Any constant both sides agree on; names the lock in pg_locks ("notp" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6e6f7470;

/** Applies the migrations not yet recorded in `schema_migrations`; returns the versions it applied. */
export async function applyPostgresMigrations(
  pool: pg.Pool,
  migrations: readonly Migration[] = postgresMigrations,
  now = Date.now(),
): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    // Transaction-scoped: released by COMMIT/ROLLBACK, even if this process dies mid-migration.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => v > newest);
    // A newer server wrote this database: running old code on it could corrupt it.
    if (unknown.length > 0) {
      throw new Error(
        `database schema version ${Math.max(...unknown)} is newer than this server knows (${newest}); upgrade notp`,
      );
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        now,
      ]);
      done.push(m.version);
    }
    return done;
  });
}
