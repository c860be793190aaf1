// WalCheckpointer: copies the SQLite WAL back into the database file from a worker thread, off the event loop.
// SQLite's automatic checkpoint runs inside the commit that crosses the threshold (1,000 pages), so one login in a
// few dozen paid for copying the WAL (≈ 9 ms per 1,000 pages here, plus the fsync of the database file) on the
// server's only JS thread: a stall for every request in flight (docs/performance.md, "SQLite checkpoints").
// The worker opens its own connection to the same file and runs a PASSIVE checkpoint on a timer: PASSIVE never waits
// for and never blocks a reader or the writer, and once the whole WAL is copied the next commit starts the WAL over.
// The main connection keeps an automatic checkpoint at a high threshold as a safety net, and goes back to SQLite's
// default if the worker fails.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase, SqliteDriverName } from './sqliteDatabase.js';

/** How often the worker checkpoints, ms: at 300 logins/s that is a few hundred pages at a time. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** The main connection's own automatic checkpoint while the worker runs, pages (≈ 32 MB): only if it falls behind. */
export const SAFETY_NET_PAGES = 8000;
/** How long close() waits for the worker to finish a checkpoint before stopping it, ms. */
const CLOSE_GRACE_MS = 5_000;
/** SQLite's default threshold, restored if the worker dies. */
const SQLITE_DEFAULT_PAGES = 1000;

/** One checkpoint as SQLite reports it: WAL frames in the log and frames copied into the database. */
export interface CheckpointReport {
  busy: number;
  log: number;
  checkpointed: number;
}

// CommonJS run by the worker (eval: no file to resolve next to the built or the TypeScript source). The driver is the
// main connection's: node:sqlite from Node's built-ins, better-sqlite3 from the path this module resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { driver, modulePath, path, intervalMs } = workerData;
const db = driver === 'node'
  ? new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
  : new (require(modulePath))(path);
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  const { busy, log, checkpointed } = checkpoint.get();
  if (log > 0) parentPort.postMessage({ busy, log, checkpointed });
}, intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  /** Checkpoints that copied at least one frame (tests and diagnostics). */
  checkpoints = 0;
  /** Why the worker stopped early, if it did; the main connection checkpoints itself again from then on. */
  failure: Error | undefined;

  /** Starts checkpointing `path` (a file, never `:memory:`), which `db` has open in WAL mode. */
  constructor(db: SqliteDatabase, path: string, driver: SqliteDriverName) {
    db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    const modulePath = driver === 'node' ? '' : createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, modulePath, path, intervalMs: CHECKPOINT_INTERVAL_MS },
    });
    this.#worker.unref(); // never what keeps a process alive
    this.#worker.on('message', (report: CheckpointReport) => {
      if (report.checkpointed > 0) this.checkpoints++;
    });
    this.#worker.on('error', (err) => {
      this.failure = err;
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    });
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
  }

  /** Stops the timer and closes the worker's connection; resolves once the thread has exited. */
  async close(): Promise<void> {
    // Referenced again while it stops: an unreferenced thread would let the process exit before close() resolves.
    this.#worker.ref();
    this.#worker.postMessage('close');
    // A thread stuck in a checkpoint (a slow disk) is stopped rather than waited for: the WAL stays valid either way.
    const stuck = setTimeout(() => void this.#worker.terminate(), CLOSE_GRACE_MS);
    await this.#exited;
    clearTimeout(stuck);
  }
}
