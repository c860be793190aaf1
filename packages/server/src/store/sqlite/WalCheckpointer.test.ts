// The WAL checkpointer: a worker thread copies the WAL into the database file, so the WAL starts over instead of
// growing while the main connection only writes; it stops with the store, and a failed worker hands checkpoints back.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SQLITE_DRIVERS } from './sqliteDatabase.js';
import { openSqliteDatabase, sqliteDriverAvailability } from './sqliteDriver.js';
import { SQLITE_MEMORY, SqliteStore } from './SqliteStore.js';
import { SAFETY_NET_PAGES, WalCheckpointer } from './WalCheckpointer.js';

const PAGE = 4096;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notp-wal-'));
  dirs.push(dir);
  return join(dir, 'notp.sqlite');
}

for (const driver of SQLITE_DRIVERS.filter((d) => sqliteDriverAvailability(d).available)) {
  describe(`WalCheckpointer (${driver})`, () => {
    it('the worker checkpoints, so the WAL starts over instead of holding every commit', async () => {
      const path = tempPath();
      const store = SqliteStore.open(path, { driver });
      try {
        const checkpointer = store.checkpointer;
        if (!checkpointer) throw new Error('a file database has a checkpointer');
        // The main connection checkpoints itself only past the safety net, far beyond what this test writes.
        expect(store.db.pragma('wal_autocheckpoint')).toBe(SAFETY_NET_PAGES);
        store.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
        const insert = store.db.prepare('INSERT INTO t (v) VALUES (?)');
        let commits = 0;
        for (let batch = 0; batch < 4; batch++) {
          const before = checkpointer.checkpoints;
          for (let i = 0; i < 200; i++, commits++) insert.run('x'.repeat(1500)); // one commit, at least one page each
          await vi.waitFor(() => expect(checkpointer.checkpoints).toBeGreaterThan(before), { timeout: 10_000 });
        }
        // 800 commits wrote ≥ 800 frames; a WAL that was never reset would be at least that long.
        expect(statSync(`${path}-wal`).size).toBeLessThan(commits * PAGE);
        expect(store.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: commits });
      } finally {
        await store.close();
      }
    });

    it('close() stops the worker and closes its connection; a memory database has none', async () => {
      const store = SqliteStore.open(tempPath(), { driver });
      expect(store.checkpointer).not.toBeNull();
      await store.close(); // resolves once the worker thread has exited
      expect(store.db.open).toBe(false);
      const memory = SqliteStore.open(SQLITE_MEMORY, { driver });
      expect(memory.checkpointer).toBeNull();
      await memory.close();
    });

    it('a worker that cannot open the file gives the checkpoints back to the main connection', async () => {
      const db = openSqliteDatabase(':memory:', driver);
      try {
        const checkpointer = new WalCheckpointer(db, join(tempPath(), 'missing-dir', 'notp.sqlite'), driver);
        await vi.waitFor(() => expect(checkpointer.failure).toBeInstanceOf(Error), { timeout: 10_000 });
        expect(db.pragma('wal_autocheckpoint')).toBe(1000);
        await checkpointer.close();
      } finally {
        db.close();
      }
    });
  });
}
