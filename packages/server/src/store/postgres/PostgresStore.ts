// The PostgreSQL adapter of the Store port: one connection pool per process, schema migrated at open.
// Every guarantee is the database's (transactions, unique keys, conditional UPDATE … RETURNING), never a lock in
// this process, so any number of instances can share one database.
import pg from 'pg';
import type { Store } from '../ports.js';
import { applyPostgresMigrations } from './applyPostgresMigrations.js';
import { PostgresKeyStore } from './PostgresKeyStore.js';
import { PostgresActivityStore } from './PostgresActivityStore.js';
import { PostgresAuditStore } from './PostgresAuditStore.js';
import { PostgresAuthzStore } from './PostgresAuthzStore.js';
import { PostgresLoginHistoryStore } from './PostgresLoginHistoryStore.js';
import { PostgresPendingAuthStore } from './PostgresPendingAuthStore.js';
import { PostgresProjectStore } from './PostgresProjectStore.js';
import { PostgresSessionStore } from './PostgresSessionStore.js';
import { PostgresUserStore } from './PostgresUserStore.js';
import { PostgresWebhookMessageStore } from './PostgresWebhookMessageStore.js';
import { rejectUnstorableText } from './rejectUnstorableText.js';

/** Connections per instance; N instances open N × this many (keep below the server's max_connections). */
export const POOL_SIZE = 10;
/** How long a request waits for a free pooled connection before failing, ms. */
const CONNECT_TIMEOUT_MS = 5_000; // 5 s
/** A statement running longer than this is cancelled by the server (no request should hang on the database), ms. */
const STATEMENT_TIMEOUT_MS = 10_000; // 10 s

const INT8_OID = 20;

// Epoch-ms columns and count(*) are bigint, which pg returns as strings by default (they may exceed 2^53).
// Ours never do (epoch ms stays below 2^53 until the year 287396), so they become numbers; scoped to our pools
// instead of pg's global type table, so an embedding application keeps its own parsing.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly projects: PostgresProjectStore;
  readonly users: PostgresUserStore;
  readonly pendingAuths: PostgresPendingAuthStore;
  readonly webhookMessages: PostgresWebhookMessageStore;
  readonly sessions: PostgresSessionStore;
  readonly keys: PostgresKeyStore;
  readonly loginHistory: PostgresLoginHistoryStore;
  readonly audit: PostgresAuditStore;
  readonly authz: PostgresAuthzStore;
  readonly activity: PostgresActivityStore;
  private closed = false;

  private constructor(readonly pool: pg.Pool) {
    this.projects = new PostgresProjectStore(pool);
    this.users = new PostgresUserStore(pool);
    this.pendingAuths = new PostgresPendingAuthStore(pool);
    this.webhookMessages = new PostgresWebhookMessageStore(pool);
    this.sessions = new PostgresSessionStore(pool);
    this.keys = new PostgresKeyStore(pool);
    this.loginHistory = new PostgresLoginHistoryStore(pool);
    this.audit = new PostgresAuditStore(pool);
    this.authz = new PostgresAuthzStore(pool);
    this.activity = new PostgresActivityStore(pool);
  }

  /** Connects (verifying the URL and credentials at once, so a bad DATABASE_URL stops the start) and migrates. */
  static async open(connectionString: string, options: { poolSize?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      application_name: 'notp',
      types,
    });
    // An idle pooled connection that the server drops (restart, failover) emits 'error' on the pool: without a
    // listener that would crash the process. The pool discards it and the next query opens a new one.
    pool.on('error', () => {});
    rejectUnstorableText(pool);
    try {
      await applyPostgresMigrations(pool);
      return new PostgresStore(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
