// Picks the store adapter from DATABASE_URL.
import { ConfigError } from '../config/config.js';
import type { Store } from './ports.js';
import { PostgresStore } from './postgres/PostgresStore.js';
import { SqliteStore } from './sqlite/SqliteStore.js';
import type { SqliteDriverName } from './sqlite/sqliteDatabase.js';

/**
 * `sqlite:<path>` (`sqlite::memory:` for a private in-memory database) → SqliteStore; `postgres://…` →
 * PostgresStore (pooled); either migrated and ready. `sqliteDriver` (default auto) picks SQLite's driver.
 */
export async function createStore(
  databaseUrl: string,
  options: { sqliteDriver?: SqliteDriverName | 'auto' } = {},
): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    // `sqlite:///abs/path` and `sqlite:./rel/path` both name a file path.
    const rest = databaseUrl.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/notp.db');
    return SqliteStore.open(path, { driver: options.sqliteDriver ?? 'auto' });
  }
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return PostgresStore.open(databaseUrl);
  }
  throw new ConfigError('DATABASE_URL: must be sqlite:<path> or postgres://…');
}
