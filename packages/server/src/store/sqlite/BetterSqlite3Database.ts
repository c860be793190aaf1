// The better-sqlite3 driver behind the SQLite seam: its own statements and transactions, loaded only when chosen.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement, SqliteValue } from './sqliteDatabase.js';

type BetterSqlite3Constructor = typeof BetterSqlite3;

let constructorOnce: BetterSqlite3Constructor | undefined;

// Loaded on first use, not at import: on Node ≥ 24 the server never touches the native addon.
function betterSqlite3(): BetterSqlite3Constructor {
  constructorOnce ??= createRequire(import.meta.url)('better-sqlite3') as BetterSqlite3Constructor;
  return constructorOnce;
}

/** The installed better-sqlite3's major version (13 moved to Node-API, which fixes the Node ≥ 24.19 abort). */
export function betterSqlite3Major(): number {
  const { version } = createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string };
  return Number(version.split('.')[0]);
}

class BetterSqlite3Database implements SqliteDatabase {
  readonly driver = 'better-sqlite3' as const;

  constructor(private readonly db: BetterSqlite3.Database) {}

  get open(): boolean {
    return this.db.open;
  }

  prepare(sql: string): SqliteStatement {
    // Its statements already have the seam's shape (run/get/all/iterate, named or positional): no wrapper per call.
    return this.db.prepare(sql) as unknown as SqliteStatement;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  pragma(source: string): SqliteValue | undefined {
    return this.db.pragma(source, { simple: true }) as SqliteValue | undefined;
  }

  immediateTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    // better-sqlite3 nests a transaction in a transaction as a SAVEPOINT, and rejects a promise-returning fn.
    return this.db.transaction(fn).immediate as (...args: A) => R;
  }

  readTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return this.db.transaction(fn).deferred as (...args: A) => R;
  }

  close(): void {
    this.db.close();
  }
}

export function openBetterSqlite3Database(path: string): SqliteDatabase {
  const Database = betterSqlite3();
  return new BetterSqlite3Database(new Database(path));
}
