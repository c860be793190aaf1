// The node:sqlite driver behind the SQLite seam: Node's built-in DatabaseSync, made to keep better-sqlite3's semantics.
import type {
  SqliteDatabase,
  SqliteNamedParams,
  SqliteParam,
  SqliteRunResult,
  SqliteStatement,
  SqliteValue,
} from './sqliteDatabase.js';

// The subset of node:sqlite we use, typed here: @types/node 20 (our floor) has no node:sqlite.
interface StatementSync {
  run(...params: SqliteParam[]): SqliteRunResult;
  get(...params: SqliteParam[]): unknown;
  all(...params: SqliteParam[]): unknown[];
  iterate(...params: SqliteParam[]): IterableIterator<unknown>;
  setAllowUnknownNamedParameters(enabled: boolean): void;
}
interface DatabaseSync {
  readonly isOpen: boolean;
  readonly isTransaction: boolean;
  prepare(sql: string): StatementSync;
  exec(sql: string): void;
  close(): void;
}
interface NodeSqliteModule {
  DatabaseSync: { new (path: string): DatabaseSync; prototype: object };
  StatementSync: { prototype: object };
}

/** Oldest Node lines whose node:sqlite has everything used here (isTransaction, setAllowUnknownNamedParameters, iterate). */
const NEEDS = 'Node ≥ 22.16 or ≥ 24';

let moduleOnce: NodeSqliteModule | undefined;

const tooOld = () => new Error(`node:sqlite of Node ${process.version} is too old for notp (it needs ${NEEDS})`);

// Loaded on first use through getBuiltinModule: Node 20 has no node:sqlite, and a static import would fail to link
// there. On Node 22 loading it prints Node's own "SQLite is an experimental feature" warning (left as is); 24 does not.
function nodeSqlite(): NodeSqliteModule {
  if (moduleOnce) return moduleOnce;
  const loaded = process.getBuiltinModule?.('node:sqlite') as NodeSqliteModule | undefined;
  if (!loaded) throw new Error(`node:sqlite is not available on Node ${process.version} (it needs ${NEEDS})`);
  const complete =
    'setAllowUnknownNamedParameters' in loaded.StatementSync.prototype && 'iterate' in loaded.StatementSync.prototype;
  if (!complete) throw tooOld();
  moduleOnce = loaded;
  return loaded;
}

/** The parameters a statement's SQL declares: `@name`/`:name`/`$name` names, and how many anonymous `?`. */
export function sqlParametersOf(sql: string): { names: string[]; positional: number } {
  const names = new Set<string>();
  let positional = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    // Quoted text and comments can hold "@x" or "?" that are not parameters.
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      i = end === -1 ? sql.length : end + 1; // a doubled quote ('') is two adjacent literals here: same skip
    } else if (c === '[') {
      const end = sql.indexOf(']', i + 1);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === '?') {
      if (/[0-9]/.test(sql[i + 1] ?? '')) throw new Error('numbered parameters (?NNN) are not supported');
      positional++;
      i++;
    } else if ((c === '@' || c === ':' || c === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] as string;
      names.add(name);
      i += 1 + name.length;
    } else {
      i++;
    }
  }
  return { names: [...names], positional };
}

function isNamed(params: SqliteParam[]): params is [SqliteNamedParams] {
  const first = params[0];
  return params.length === 1 && typeof first === 'object' && first !== null && !(first instanceof Uint8Array);
}

/**
 * node:sqlite binds a missing parameter as NULL, where better-sqlite3 throws: a forgotten field would silently write
 * NULL. So the parameters are counted and named once at prepare, and each call checks it gave them all (a few `in`s).
 */
class NodeSqliteStatement implements SqliteStatement {
  private readonly names: string[];
  private readonly positional: number;

  constructor(
    private readonly stmt: StatementSync,
    sql: string,
  ) {
    ({ names: this.names, positional: this.positional } = sqlParametersOf(sql));
    // better-sqlite3 ignores keys the statement does not use (one row object can feed several statements).
    stmt.setAllowUnknownNamedParameters(true);
  }

  private check(params: SqliteParam[]): void {
    if (isNamed(params)) {
      const given = params[0];
      for (const name of this.names) {
        if (!(name in given) || given[name] === undefined) throw new RangeError(`Missing named parameter "${name}"`);
      }
      if (this.positional > 0) throw new RangeError('Too few parameter values were provided');
    } else if (params.length !== this.positional || this.names.length > 0) {
      throw new RangeError(
        params.length > this.positional
          ? 'Too many parameter values were provided'
          : 'Too few parameter values were provided',
      );
    }
  }

  run(...params: SqliteParam[]): SqliteRunResult {
    this.check(params);
    return this.stmt.run(...params);
  }

  get(...params: SqliteParam[]): unknown {
    this.check(params);
    return this.stmt.get(...params);
  }

  all(...params: SqliteParam[]): unknown[] {
    this.check(params);
    return this.stmt.all(...params);
  }

  iterate(...params: SqliteParam[]): IterableIterator<unknown> {
    this.check(params);
    return this.stmt.iterate(...params);
  }
}

class NodeSqliteDatabase implements SqliteDatabase {
  readonly driver = 'node' as const;
  // Transaction control, prepared once: a login's verify runs BEGIN/COMMIT on the hot path.
  private readonly beginImmediate: StatementSync;
  private readonly beginDeferred: StatementSync;
  private readonly commit: StatementSync;
  private readonly rollback: StatementSync;
  private readonly savepoint: StatementSync;
  private readonly release: StatementSync;
  private readonly rollbackToSavepoint: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.beginImmediate = db.prepare('BEGIN IMMEDIATE');
    this.beginDeferred = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    // One name for every level: RELEASE and ROLLBACK TO act on the innermost savepoint of that name.
    this.savepoint = db.prepare('SAVEPOINT notp_nested');
    this.release = db.prepare('RELEASE notp_nested');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO notp_nested');
  }

  get open(): boolean {
    return this.db.isOpen;
  }

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this.db.prepare(sql), sql);
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  pragma(source: string): SqliteValue | undefined {
    const row = this.db.prepare(`PRAGMA ${source}`).get() as Record<string, SqliteValue> | undefined;
    return row === undefined ? undefined : Object.values(row)[0];
  }

  immediateTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return this.transaction(fn, this.beginImmediate);
  }

  readTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return this.transaction(fn, this.beginDeferred);
  }

  private transaction<A extends unknown[], R>(fn: (...args: A) => R, begin: StatementSync): (...args: A) => R {
    const db = this.db;
    return (...args: A): R => {
      const nested = db.isTransaction;
      if (nested) this.savepoint.run();
      else begin.run();
      try {
        const result = fn(...args);
        if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
        if (nested) this.release.run();
        else this.commit.run();
        return result;
      } catch (err) {
        // SQLite may have rolled back already (e.g. SQLITE_FULL): then there is nothing left to undo.
        if (db.isTransaction) {
          if (nested) {
            this.rollbackToSavepoint.run();
            this.release.run();
          } else {
            this.rollback.run();
          }
        }
        throw err;
      }
    };
  }

  close(): void {
    this.db.close();
  }
}

export function openNodeSqliteDatabase(path: string): SqliteDatabase {
  const { DatabaseSync } = nodeSqlite();
  const db = new DatabaseSync(path);
  // isTransaction is an own accessor of each connection (not on the prototype), so it is checked here.
  if (typeof db.isTransaction !== 'boolean') {
    db.close();
    throw tooOld();
  }
  return new NodeSqliteDatabase(db);
}
