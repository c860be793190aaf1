// The SQLite adapter of the Store port: one connection per process (node:sqlite or better-sqlite3, see sqliteDriver.ts),
// schema migrated at open.
// Multi-statement writes run as BEGIN IMMEDIATE transactions: the write lock is taken up front, so a writer in
// another process (a CLI command, a second server on the same file) makes us wait up to busy_timeout instead of
// failing halfway with SQLITE_BUSY.
import type { Store } from '../ports.js';
import { applyMigrations } from './applyMigrations.js';
import { prepareDatabaseFile } from './privateFiles.js';
import { SqliteActivityStore } from './SqliteActivityStore.js';
import { SqliteAuditStore } from './SqliteAuditStore.js';
import { SqliteAuthzStore } from './SqliteAuthzStore.js';
import { SqliteConsoleSessionStore } from './SqliteConsoleSessionStore.js';
import { SqliteKeyStore } from './SqliteKeyStore.js';
import { SqliteLoginHistoryStore } from './SqliteLoginHistoryStore.js';
import { SqlitePendingAuthStore } from './SqlitePendingAuthStore.js';
import { SqliteProjectStore } from './SqliteProjectStore.js';
import { SqliteSessionStore } from './SqliteSessionStore.js';
import { SqliteUserStore } from './SqliteUserStore.js';
import { SqliteWebhookMessageStore } from './SqliteWebhookMessageStore.js';
import { WalCheckpointer } from './WalCheckpointer.js';
import type { SqliteDatabase, SqliteDriverName, SqliteStatement } from './sqliteDatabase.js';
import { openSqliteDatabase, resolveSqliteDriver } from './sqliteDriver.js';

export const SQLITE_MEMORY = ':memory:';

/** How long a write waits for another process's write lock before failing with SQLITE_BUSY, ms. */
const BUSY_TIMEOUT_MS = 5000; // 5 s

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly projects: SqliteProjectStore;
  readonly users: SqliteUserStore;
  readonly pendingAuths: SqlitePendingAuthStore;
  readonly webhookMessages: SqliteWebhookMessageStore;
  readonly sessions: SqliteSessionStore;
  readonly keys: SqliteKeyStore;
  readonly loginHistory: SqliteLoginHistoryStore;
  readonly audit: SqliteAuditStore;
  readonly authz: SqliteAuthzStore;
  readonly consoleSessions: SqliteConsoleSessionStore;
  readonly activity: SqliteActivityStore;
  private readonly pingStmt: SqliteStatement;

  private constructor(
    readonly db: SqliteDatabase,
    /** Checkpoints the WAL off the event loop (a file database only). */
    readonly checkpointer: WalCheckpointer | null = null,
  ) {
    this.projects = new SqliteProjectStore(db);
    this.users = new SqliteUserStore(db);
    this.pendingAuths = new SqlitePendingAuthStore(db, this.users);
    this.webhookMessages = new SqliteWebhookMessageStore(db);
    this.sessions = new SqliteSessionStore(db);
    this.keys = new SqliteKeyStore(db);
    this.loginHistory = new SqliteLoginHistoryStore(db);
    this.audit = new SqliteAuditStore(db);
    this.authz = new SqliteAuthzStore(db);
    this.consoleSessions = new SqliteConsoleSessionStore(db);
    this.activity = new SqliteActivityStore(db);
    this.pingStmt = db.prepare('SELECT 1');
  }

  /**
   * Opens (creating the file and its directory if needed) and migrates; `:memory:` gives a private in-memory database.
   * `driver` defaults to `auto`: node:sqlite on Node ≥ 24, better-sqlite3 below (NOTP_SQLITE_DRIVER in the config).
   */
  static open(path: string, options: { driver?: SqliteDriverName | 'auto' } = {}): SqliteStore {
    // Private files: 0700 directory, 0600 database/WAL/SHM (docs/security.md "Secrets at rest").
    if (path !== SQLITE_MEMORY) prepareDatabaseFile(path);
    const db = openSqliteDatabase(path, resolveSqliteDriver(options.driver ?? 'auto'));
    try {
      // WAL: readers never block the writer, and a commit is one sequential append.
      db.pragma('journal_mode = WAL');
      // NORMAL under WAL syncs at checkpoints, not at every commit: a process crash loses nothing, a power cut or
      // OS crash may lose the last commits (never corrupts). Pending logins are minutes-long, so that trade is worth
      // the far cheaper commits on the login hot path (measured on ext4: ~0.14 ms per commit vs ~5 ms with FULL).
      db.pragma('synchronous = NORMAL');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      applyMigrations(db);
      return new SqliteStore(db, path === SQLITE_MEMORY ? null : new WalCheckpointer(db, path, db.driver));
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async ping(): Promise<void> {
    this.pingStmt.get();
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }
}
