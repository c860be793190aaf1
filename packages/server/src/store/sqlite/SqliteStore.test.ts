// The SQLite adapter: the shared store conformance suite on temp files and in memory, plus SQLite-only behaviour,
// once per driver this Node can run (NOTP_SQLITE_TEST_DRIVERS=node,better-sqlite3 runs the named ones regardless).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config.js';
import { runActivityConformance } from '../activityConformance.js';
import { runAuthzConformance } from '../authzConformance.js';
import { runStoreConformance } from '../conformance.js';
import { runUserSearchConformance } from '../userSearchConformance.js';
import { createStore } from '../createStore.js';
import type { Store } from '../ports.js';
import { applyMigrations } from './applyMigrations.js';
import { migrations } from './migrations.js';
import { SQLITE_MEMORY, SqliteStore } from './SqliteStore.js';
import { SQLITE_DRIVERS, type SqliteDriverName } from './sqliteDatabase.js';
import { openSqliteDatabase, sqliteDriverAvailability } from './sqliteDriver.js';
import { expectDocumentedRefusal } from './testing/expectDocumentedRefusal.js';

const dir = mkdtempSync(join(tmpdir(), 'notp-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
const newDbPath = (): string => join(dir, `db-${++fileCount}`, 'notp.db');
const pathOf = new WeakMap<Store, string>();

/** Drivers named in NOTP_SQLITE_TEST_DRIVERS run whatever their availability (to show a crash, say); else the available ones. */
const forced = process.env.NOTP_SQLITE_TEST_DRIVERS?.split(',').filter((d): d is SqliteDriverName =>
  SQLITE_DRIVERS.includes(d as SqliteDriverName),
);

for (const driver of SQLITE_DRIVERS) {
  if (forced && !forced.includes(driver)) continue;
  const availability = forced ? ({ available: true } as const) : sqliteDriverAvailability(driver);
  if (!availability.available) {
    describe(`sqlite ${driver}`, () => {
      // Not run on this Node, for the documented reason (the matrix script lists these names).
      it(`NOT AVAILABLE on Node ${process.version}: ${availability.reason}`, () => expectDocumentedRefusal(driver));
    });
    continue;
  }
  describeDriver(driver);
}

function describeDriver(driver: SqliteDriverName): void {
  /** A store on a new file, whose path is remembered (to reopen it, or to open it again beside it). */
  const fileStore = async (): Promise<Store> => {
    const path = newDbPath();
    const store = await createStore(`sqlite:${path}`, { sqliteDriver: driver });
    pathOf.set(store, path);
    return store;
  };

  runStoreConformance({
    name: `sqlite ${driver} (file)`,
    make: fileStore,
    reopen: async (closed) => {
      const path = pathOf.get(closed);
      if (!path) throw new Error('reopen: store was not made by this suite');
      return createStore(`sqlite:${path}`, { sqliteDriver: driver });
    },
  });

  runStoreConformance({
    name: `sqlite ${driver} (:memory:)`,
    make: () => createStore('sqlite::memory:', { sqliteDriver: driver }),
  });

  runUserSearchConformance({
    name: `sqlite ${driver}`,
    make: () => createStore('sqlite::memory:', { sqliteDriver: driver }),
  });

  runAuthzConformance({
    name: `sqlite ${driver}`,
    make: () => createStore('sqlite::memory:', { sqliteDriver: driver }),
  });

  runActivityConformance({
    name: `sqlite ${driver} (file)`,
    make: fileStore,
    openAgain: async (store) => createStore(`sqlite:${pathOf.get(store)}`, { sqliteDriver: driver }),
  });

  describe(`SqliteStore on ${driver} (SQLite specifics)`, () => {
    const opened: SqliteStore[] = [];
    const open = (path: string): SqliteStore => {
      const s = SqliteStore.open(path, { driver });
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('creates the database directory and runs in WAL mode with the durability pragmas', () => {
      const path = newDbPath();
      const store = open(path);
      expect(existsSync(path)).toBe(true);
      expect(store.db.driver).toBe(driver);
      expect(store.db.pragma('journal_mode')).toBe('wal');
      expect(store.db.pragma('synchronous')).toBe(1); // NORMAL
      expect(store.db.pragma('foreign_keys')).toBe(1);
      expect(store.db.pragma('busy_timeout')).toBe(5000);
    });

    it('applies each migration once, however often the database is reopened', async () => {
      const path = newDbPath();
      await open(path).close();
      await open(path).close();
      const s = open(path);
      const rows = s.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    });

    it('applyMigrations applies only what is missing, in version order', () => {
      const db = openSqliteDatabase(':memory:', driver);
      try {
        const v1 = { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' };
        const v2 = { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y INTEGER' };
        expect(applyMigrations(db, [v1])).toEqual([1]);
        expect(applyMigrations(db, [v2, v1])).toEqual([2]);
        expect(applyMigrations(db, [v1, v2])).toEqual([]);
        expect(
          db
            .prepare('SELECT * FROM pragma_table_info(?)')
            .all('a')
            .map((c) => (c as { name: string }).name),
        ).toEqual(['x', 'y']);
      } finally {
        db.close();
      }
    });

    it('migration 5: sessions stored before it read as untrusted custom claims (the safe default)', async () => {
      const db = openSqliteDatabase(':memory:', driver);
      try {
        applyMigrations(
          db,
          migrations.filter((m) => m.version < 5),
        );
        db.prepare(`INSERT INTO refresh_sessions (id, project_id, user_id, family_id, amr, tenant_id, custom_claims,
          created_at, expires_at) VALUES ('jti_old', 'P1', 'U1', 'jti_old', '[]', NULL, '{"isAdmin":true}', 1, 2)`).run();
        expect(applyMigrations(db, migrations)).toContain(5);
        const row = db.prepare('SELECT custom_claims_trusted AS t FROM refresh_sessions WHERE id = ?').get('jti_old');
        expect(row).toEqual({ t: 0 });
      } finally {
        db.close();
      }
    });

    it('a failing migration rolls back entirely and is not recorded', () => {
      const db = openSqliteDatabase(':memory:', driver);
      try {
        const good = { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER)' };
        const bad = { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)' };
        expect(() => applyMigrations(db, [good, bad])).toThrow(/nowhere/);
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
        expect(tables).toEqual([]);
      } finally {
        db.close();
      }
    });

    it('migration 6 moves settings.appName into the project name and drops the setting', () => {
      const db = openSqliteDatabase(':memory:', driver);
      try {
        applyMigrations(
          db,
          migrations.filter((m) => m.version < 6),
        );
        const insert = db.prepare(
          'INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES (?, ?, ?, ?, ?)',
        );
        insert.run('P1', 'Development', 'h', JSON.stringify({ appName: 'Acme “Shop”', confirmation: true }), 1);
        insert.run('P2', 'Other', 'h', JSON.stringify({ confirmation: false }), 2);
        expect(applyMigrations(db, migrations)).toEqual(migrations.map((m) => m.version).filter((v) => v >= 6));
        const rows = db.prepare('SELECT project_id, name, settings FROM projects ORDER BY project_id').all() as {
          name: string;
          settings: string;
        }[];
        expect(rows.map((r) => [r.name, JSON.parse(r.settings)])).toEqual([
          ['Acme “Shop”', { confirmation: true }],
          ['Other', { confirmation: false }],
        ]);
      } finally {
        db.close();
      }
    });

    it('refuses a database written by a newer schema', () => {
      const path = newDbPath();
      const s = open(path);
      s.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(9999, 'future', 0);
      s.db.close();
      expect(() => SqliteStore.open(path, { driver })).toThrow(/newer than this server knows/);
    });

    it('the retention deletes find their rows through the time indexes (no table scan)', () => {
      const s = open(SQLITE_MEMORY);
      const plan = (sql: string) =>
        (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 10) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan('SELECT id FROM audit_events WHERE at < ? ORDER BY at LIMIT ?')).toMatch(
        /USING (COVERING )?INDEX audit_events_at/,
      );
      expect(plan('SELECT id FROM login_history WHERE login_time < ? ORDER BY login_time LIMIT ?')).toMatch(
        /USING (COVERING )?INDEX login_history_login_time/,
      );
    });

    it('two connections to one file see each other’s writes (what a restart or a second process relies on)', async () => {
      const path = newDbPath();
      const a = open(path);
      const b = open(path);
      expect(await a.webhookMessages.record('cloud-api:wamid.shared', 1)).toBe(true);
      expect(await b.webhookMessages.record('cloud-api:wamid.shared', 2)).toBe(false);
    });
  });

  describe(`SqliteStore on ${driver} across processes`, () => {
    it('three processes racing on one file: each consume, verify and rotate is won exactly once', async () => {
      const path = newDbPath();
      const T0 = Date.UTC(2025, 5, 2, 9, 30);
      const n = 40;
      const setup = SqliteStore.open(path, { driver });
      const hash = (s: string) => createHash('sha256').update(s).digest('hex');
      const targets = { consume: [] as string[], verify: [] as string[], rotate: [] as string[] };
      for (let i = 0; i < n; i++) {
        for (const status of ['verified', 'pending'] as const) {
          const id = `pa_${status}_${i}`;
          await setup.pendingAuths.create({
            id,
            projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
            refHash: hash(`ref ${id}`),
            codeHash: hash(`code ${id}`),
            kind: 'signin',
            request: { loginId: '+16505551234', loginIdKind: 'phone' },
            expectedPhone: '+16505551234',
            userId: null,
            parentSessionId: null,
            status,
            failureCode: null,
            senderPhone: null,
            senderWaId: null,
            senderBsuid: null,
            resultUserId: null,
            firstSeen: false,
            confirmNonceHash: null,
            createdAt: T0,
            expiresAt: T0 + 600_000,
            verifiedAt: status === 'verified' ? T0 : null,
            consumedAt: null,
          });
          if (status === 'verified') targets.consume.push(hash(`ref ${id}`));
          else targets.verify.push(id);
        }
        const sessionId = `jti_${i}`;
        await setup.sessions.create({
          id: sessionId,
          projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
          userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
          familyId: sessionId,
          amr: ['whatsapp'],
          tenantId: null,
          customClaims: {},
          customClaimsTrusted: false,
          createdAt: T0,
          expiresAt: T0 + 86_400_000,
          revokedAt: null,
          rotatedAt: null,
        });
        targets.rotate.push(sessionId);
      }
      await setup.close();

      const racers = [0, 1, 2].map(() => startRacer(path, targets, driver));
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.go();
      const results = await Promise.all(racers.map((r) => r.result));

      for (const kind of ['consume', 'verify', 'rotate'] as const) {
        const wins = results.flatMap((r) => r[kind]);
        expect(wins.sort()).toEqual([...targets[kind]].sort()); // every target won once, none twice
      }
      const check = SqliteStore.open(path, { driver });
      try {
        const inserted = check.db.prepare("SELECT count(*) AS n FROM refresh_sessions WHERE id LIKE '%-next-%'").get();
        expect(inserted).toEqual({ n }); // a losing rotate wrote nothing
      } finally {
        await check.close();
      }
    }, 60_000);
  });
}

/** Runs one racer process; resolves with what it won. It starts when `go` resolves, after printing "ready". */
function startRacer(
  dbPath: string,
  targets: { consume: string[]; verify: string[]; rotate: string[] },
  driver: SqliteDriverName,
): { ready: Promise<void>; go(): void; result: Promise<{ consume: string[]; verify: string[]; rotate: string[] }> } {
  const script = fileURLToPath(new URL('./crossProcessRacer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath, JSON.stringify(targets), driver], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const result = new Promise<{ consume: string[]; verify: string[]; rotate: string[] }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`racer exited with ${code}: ${out}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)));
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}

describe('createStore', () => {
  // postgres:// URLs: see postgres/PostgresStore.test.ts.
  it.each([['sqlite:'], ['mysql://localhost/notp']])('%s → ConfigError', async (url) => {
    await expect(createStore(url)).rejects.toBeInstanceOf(ConfigError);
  });

  it('sqlite:///absolute/path opens that file', async () => {
    const path = newDbPath();
    const store = await createStore(`sqlite://${path}`);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });
});
