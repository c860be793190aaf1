// The SQLite driver choice: which driver backs the seam (sqliteDatabase.ts) on this Node, and opening a database.
// better-sqlite3 ≤ 12 aborts the process on Node ≥ 24.19 (its ObjectWrap finalisers run off-context at GC), and its
// fixed major (13) needs Node ≥ 22; Node 20 has no node:sqlite. So: node:sqlite on Node ≥ 24, better-sqlite3 below.
import { betterSqlite3Major, openBetterSqlite3Database } from './BetterSqlite3Database.js';
import { openNodeSqliteDatabase } from './NodeSqliteDatabase.js';
import type { SqliteDatabase, SqliteDriverName } from './sqliteDatabase.js';

export type SqliteDriverAvailability = { available: true } | { available: false; reason: string };

/** Which driver `auto` means here: node:sqlite from Node 24 on (where better-sqlite3 ≤ 12 crashes), else better-sqlite3. */
export function resolveSqliteDriver(
  requested: SqliteDriverName | 'auto',
  nodeVersion: string = process.versions.node,
): SqliteDriverName {
  if (requested !== 'auto') return requested;
  return Number(nodeVersion.split('.')[0]) >= 24 ? 'node' : 'better-sqlite3';
}

/** Whether better-sqlite3 of this major is known to abort the process on this Node (at GC, off-context). */
export function betterSqlite3CrashesOn(nodeVersion: string, major: number): boolean {
  const [nodeMajor = 0, nodeMinor = 0] = nodeVersion.split('.').map(Number);
  return major <= 12 && (nodeMajor > 24 || (nodeMajor === 24 && nodeMinor >= 19));
}

/**
 * Whether `driver` can serve here, and why not: it must open a database, and better-sqlite3 ≤ 12 must not be on a
 * Node where it aborts the process (it opens fine there and dies later, when GC finalises a statement).
 */
export function sqliteDriverAvailability(driver: SqliteDriverName): SqliteDriverAvailability {
  try {
    if (driver === 'better-sqlite3' && betterSqlite3CrashesOn(process.versions.node, betterSqlite3Major())) {
      return {
        available: false,
        reason: `better-sqlite3 ${betterSqlite3Major()} aborts the process on Node ${process.version} (≥ 24.19) when GC finalises a statement`,
      };
    }
    openSqliteDatabase(':memory:', driver).close();
    return { available: true };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Opens (creating) the database file, or a private one for `:memory:`, on the named driver. */
export function openSqliteDatabase(path: string, driver: SqliteDriverName): SqliteDatabase {
  return driver === 'node' ? openNodeSqliteDatabase(path) : openBetterSqlite3Database(path);
}
