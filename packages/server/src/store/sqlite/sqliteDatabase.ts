// The SQLite driver seam: the small synchronous API the SQLite adapter uses, whichever driver backs it (sqliteDriver.ts).

/**
 * What a parameter can be bound to, on either driver. Not booleans (better-sqlite3 throws, Node 24's node:sqlite binds
 * 1/0: the adapter stores 0/1 itself) and not undefined (better-sqlite3 binds NULL, node:sqlite throws: pass null).
 */
export type SqliteValue = null | number | bigint | string | Uint8Array;

/** `@name` parameters by bare name (`{ id }` binds `@id`). Keys the statement does not use are ignored. */
export type SqliteNamedParams = Readonly<Record<string, SqliteValue>>;

/**
 * Named parameters that write one row of a shared row type (../rows.ts): the same columns, with SQLite values where
 * the row type says `unknown` (JSON as text, booleans as 0/1) and the row's own types elsewhere.
 */
export type SqliteRowParams<Row> = { [K in keyof Row]: unknown extends Row[K] ? SqliteValue : Row[K] };

/** Positional values for `?`, or one object of named values. A missing value throws (it is never bound as NULL). */
export type SqliteParam = SqliteValue | SqliteNamedParams;

export interface SqliteRunResult {
  /** Rows inserted, updated or deleted; an UPDATE that sets a column to its own value still counts its row. */
  changes: number;
  lastInsertRowid: number | bigint;
}

/**
 * A statement prepared once. Rows are objects of column → value whose prototype is unspecified (null on node:sqlite):
 * map them, never call methods on them. INTEGER columns read as JS numbers, so values must stay within ±2^53 (epoch ms,
 * counts); beyond that node:sqlite throws a RangeError and better-sqlite3 rounds. Numbers bind as REAL and bigints as
 * INTEGER on both drivers; a column's INTEGER affinity stores an integral REAL as an INTEGER.
 */
export interface SqliteStatement {
  run(...params: SqliteParam[]): SqliteRunResult;
  /** The first row, or undefined. With `RETURNING`, the statement's changes are all made by this call. */
  get(...params: SqliteParam[]): unknown;
  all(...params: SqliteParam[]): unknown[];
  iterate(...params: SqliteParam[]): IterableIterator<unknown>;
}

export type SqliteDriverName = 'node' | 'better-sqlite3';

/** Every driver, in the order the tests run them. */
export const SQLITE_DRIVERS: readonly SqliteDriverName[] = ['better-sqlite3', 'node'];

/** One connection. Not safe to share across threads; one per process is the adapter's model. */
export interface SqliteDatabase {
  readonly driver: SqliteDriverName;
  /** False once closed. */
  readonly open: boolean;
  prepare(sql: string): SqliteStatement;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): void;
  /** `PRAGMA <source>`: the first column of the first row it returns (the new value for a setting), or undefined. */
  pragma(source: string): SqliteValue | undefined;
  /**
   * Wraps `fn` in BEGIN IMMEDIATE … COMMIT (the write lock taken up front); ROLLBACK when it throws, then rethrows.
   * Called inside another transaction it becomes a SAVEPOINT, so an inner throw undoes only the inner work unless the
   * outer lets it propagate. `fn` must be synchronous: returning a promise is a TypeError, after a rollback.
   */
  immediateTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** As immediateTransaction with a plain BEGIN: several reads see one snapshot without taking the write lock. */
  readTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}
