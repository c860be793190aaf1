// Brings a SQLite database up to the newest schema: applies each missing migration once, all in one transaction.
import type { SqliteDatabase } from './sqliteDatabase.js';
import { type Migration, migrations as allMigrations } from './migrations.js';

/** Applies the migrations not yet recorded in `schema_migrations`; returns the versions it applied. */
export function applyMigrations(
  db: SqliteDatabase,
  migrations: readonly Migration[] = allMigrations,
  now = Date.now(),
): number[] {
  const apply = db.immediateTransaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    )`);
    const rows = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => v > newest);
    // A newer server wrote this database: running old code on it could corrupt it.
    if (unknown.length > 0) {
      throw new Error(
        `database schema version ${Math.max(...unknown)} is newer than this server knows (${newest}); upgrade notp`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now);
      done.push(m.version);
    }
    return done;
  });
  // IMMEDIATE takes the write lock first, so two processes opening one file at once migrate one after the other.
  return apply();
}
