// The SQLite driver seam: both drivers keep one semantics (parameters, rows, integers, changes, transactions), and
// `auto` picks the right one per Node. Drivers this Node cannot run are checked to be refused for the documented reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlParametersOf } from './NodeSqliteDatabase.js';
import { SQLITE_DRIVERS, type SqliteDatabase } from './sqliteDatabase.js';
import {
  betterSqlite3CrashesOn,
  openSqliteDatabase,
  resolveSqliteDriver,
  sqliteDriverAvailability,
} from './sqliteDriver.js';
import { expectDocumentedRefusal } from './testing/expectDocumentedRefusal.js';

describe('resolveSqliteDriver', () => {
  it.each([
    ['auto', '20.19.0', 'better-sqlite3'],
    ['auto', '22.23.3', 'better-sqlite3'],
    ['auto', '23.11.0', 'better-sqlite3'],
    ['auto', '24.0.0', 'node'],
    ['auto', '24.21.0', 'node'],
    ['auto', '26.1.0', 'node'],
    ['node', '22.23.3', 'node'],
    ['better-sqlite3', '24.21.0', 'better-sqlite3'],
  ] as const)('%s on Node %s → %s', (requested, version, expected) => {
    expect(resolveSqliteDriver(requested, version)).toBe(expected);
  });
});

describe('betterSqlite3CrashesOn', () => {
  it.each([
    ['20.20.2', 12, false],
    ['22.23.3', 12, false],
    ['24.18.0', 12, false],
    ['24.19.0', 12, true],
    ['24.21.0', 11, true],
    ['25.0.0', 12, true],
    ['24.21.0', 13, false],
  ] as const)('Node %s with better-sqlite3 %i → %s', (version, major, crashes) => {
    expect(betterSqlite3CrashesOn(version, major)).toBe(crashes);
  });
});

describe('sqlParametersOf', () => {
  it.each([
    ['SELECT 1', [], 0],
    ['SELECT * FROM t WHERE a = ? AND b = ?', [], 2],
    ['UPDATE t SET a = @a WHERE id = @id AND x > @a', ['a', 'id'], 0],
    ['SELECT :one, $two, @three_3', ['one', 'two', 'three_3'], 0],
    // Quoted text, identifiers and comments are not parameters.
    ['SELECT \'@no ?\', "@ident", [?x], `@y` -- @c ?\n, /* @d ? */ @yes', ['yes'], 0],
    ["SELECT json_extract(v, '$.tenantId') FROM t WHERE v LIKE @text ESCAPE '\\'", ['text'], 0],
    ["SELECT 'it''s' || ?", [], 1],
  ] as const)('%s', (sql, names, positional) => {
    expect(sqlParametersOf(sql)).toEqual({ names, positional });
  });

  it('refuses numbered parameters (?NNN), which the count check cannot follow', () => {
    expect(() => sqlParametersOf('SELECT ?1')).toThrow(/numbered/);
  });
});

for (const driver of SQLITE_DRIVERS) {
  const availability = sqliteDriverAvailability(driver);
  if (!availability.available) {
    describe(`sqlite driver ${driver}`, () => {
      // Not run on this Node, for the documented reason (the matrix script lists these names).
      it(`NOT AVAILABLE on Node ${process.version}: ${availability.reason}`, () => expectDocumentedRefusal(driver));
    });
    continue;
  }

  describe(`sqlite driver ${driver}`, () => {
    let db: SqliteDatabase;
    beforeEach(() => {
      db = openSqliteDatabase(':memory:', driver);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT, b BLOB)');
    });
    afterEach(() => {
      if (db.open) db.close();
    });
    const count = () => (db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;

    it('names itself and reports open until closed', () => {
      expect(db.driver).toBe(driver);
      expect(db.open).toBe(true);
      db.close();
      expect(db.open).toBe(false);
    });

    it('binds positional and bare named parameters; unknown keys are ignored', () => {
      db.prepare('INSERT INTO t (n, s) VALUES (?, ?)').run(1, 'a');
      db.prepare('INSERT INTO t (n, s) VALUES (@n, @s)').run({ n: 2, s: 'b', unused: 'x' });
      expect(db.prepare('SELECT n, s FROM t ORDER BY id').all()).toEqual([
        { n: 1, s: 'a' },
        { n: 2, s: 'b' },
      ]);
    });

    it.each([
      ['a missing named parameter', 'INSERT INTO t (n, s) VALUES (@n, @s)', [{ n: 1 }], /Missing named parameter "s"/],
      ['too few positional values', 'INSERT INTO t (n, s) VALUES (?, ?)', [1], /Too few/],
      ['too many positional values', 'INSERT INTO t (n, s) VALUES (?, ?)', [1, 'a', 'b'], /Too many|range/],
    ])('throws for %s, and writes nothing', (_name, sql, params, message) => {
      const stmt = db.prepare(sql);
      expect(() => stmt.run(...(params as never[]))).toThrow(message);
      expect(count()).toBe(0);
    });

    // Values the seam's types exclude: the drivers differ, so the adapter never passes them (it writes 0/1 and null).
    it('documented difference: a boolean or an undefined value', () => {
      const booleanRun = () => db.prepare('INSERT INTO t (n) VALUES (?)').run(true as never);
      const undefinedRun = () =>
        db.prepare('INSERT INTO t (n, s) VALUES (@n, @s)').run({ n: 1, s: undefined as never });
      if (driver === 'better-sqlite3') {
        expect(booleanRun).toThrow(/can only bind/);
        expect(undefinedRun().changes).toBe(1); // bound as NULL
      } else {
        expect(undefinedRun).toThrow(/Missing named parameter "s"/);
        // Node 24's node:sqlite binds a boolean as 1/0; Node 22's throws.
        if (Number(process.versions.node.split('.')[0]) >= 24) expect(booleanRun().changes).toBe(1);
        else expect(booleanRun).toThrow(/cannot be bound/);
      }
    });

    it('run reports changes; an UPDATE to the same value still counts its row', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      expect(insert.run(5)).toMatchObject({ changes: 1, lastInsertRowid: 1 });
      insert.run(6);
      expect(db.prepare('UPDATE t SET n = n').run().changes).toBe(2);
      expect(db.prepare('DELETE FROM t WHERE n > ?').run(100).changes).toBe(0);
    });

    it('get returns the first row or undefined; RETURNING gives the changed row', () => {
      db.prepare('INSERT INTO t (n, s) VALUES (?, ?)').run(1, 'x');
      expect(db.prepare('SELECT n FROM t WHERE n = ?').get(2)).toBeUndefined();
      const updated = db.prepare('UPDATE t SET n = @n WHERE s = @s RETURNING n, s').get({ n: 9, s: 'x' });
      expect(updated).toEqual({ n: 9, s: 'x' });
      expect(db.prepare('SELECT n FROM t').get()).toEqual({ n: 9 });
    });

    it('stores integral numbers in INTEGER columns as integers, reads them as numbers; binds bigints', () => {
      const epochMs = Date.UTC(2025, 5, 2, 9, 30);
      db.prepare('INSERT INTO t (n) VALUES (?)').run(epochMs);
      db.prepare('INSERT INTO t (n) VALUES (?)').run(2n ** 40n);
      expect(db.prepare('SELECT n, typeof(n) AS type FROM t ORDER BY id').all()).toEqual([
        { n: epochMs, type: 'integer' },
        { n: 2 ** 40, type: 'integer' },
      ]);
      // A JS number binds as REAL on both drivers (JSON shows it): the adapter never relies on its text form.
      expect(db.prepare('SELECT typeof(?) AS a, typeof(?) AS b').get(1, 1n)).toEqual({ a: 'real', b: 'integer' });
    });

    it('round-trips null, text and blobs; iterate walks every row', () => {
      db.prepare('INSERT INTO t (n, s, b) VALUES (?, ?, ?)').run(1, null, new Uint8Array([1, 2, 3]));
      db.prepare('INSERT INTO t (n, s, b) VALUES (?, ?, ?)').run(2, 'ünïcødé 🙂', null);
      const rows = [...db.prepare('SELECT n, s, b FROM t ORDER BY id').iterate()] as {
        n: number;
        s: string | null;
        b: Uint8Array | null;
      }[];
      expect(rows.map((r) => [r.n, r.s, r.b === null ? null : [...r.b]])).toEqual([
        [1, null, [1, 2, 3]],
        [2, 'ünïcødé 🙂', null],
      ]);
    });

    it('pragma returns the first value; WAL on a file, memory on :memory:', () => {
      expect(db.pragma('journal_mode = WAL')).toBe('memory');
      expect(db.pragma('busy_timeout = 1234')).toBe(1234);
      expect(db.pragma('busy_timeout')).toBe(1234);
    });

    it('a transaction commits what its function did, and returns its result', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const tx = db.immediateTransaction((a: number, b: number) => {
        insert.run(a);
        insert.run(b);
        return a + b;
      });
      expect(tx(1, 2)).toBe(3);
      expect(count()).toBe(2);
    });

    it('a transaction that throws rolls everything back and rethrows the same error', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const boom = new Error('boom');
      const tx = db.immediateTransaction(() => {
        insert.run(1);
        throw boom;
      });
      expect(() => tx()).toThrow(boom);
      expect(count()).toBe(0);
      insert.run(2); // the connection is usable, outside any transaction
      expect(count()).toBe(1);
    });

    it('a constraint failure inside a transaction rolls back the earlier writes', () => {
      const insert = db.prepare('INSERT INTO t (id, n) VALUES (?, ?)');
      const tx = db.immediateTransaction(() => {
        insert.run(1, 1);
        insert.run(1, 2); // duplicate primary key
      });
      expect(() => tx()).toThrow(/UNIQUE|PRIMARY KEY|constraint/i);
      expect(count()).toBe(0);
    });

    it('nested: an inner throw the outer catches undoes only the inner work', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const inner = db.immediateTransaction((n: number) => {
        insert.run(n);
        throw new Error('inner');
      });
      const outer = db.immediateTransaction(() => {
        insert.run(1);
        expect(() => inner(2)).toThrow('inner');
        insert.run(3);
      });
      outer();
      expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }]);
    });

    it('nested: an inner throw that propagates undoes the outer work too', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const inner = db.immediateTransaction((n: number) => {
        insert.run(n);
        throw new Error('inner');
      });
      const outer = db.immediateTransaction(() => {
        insert.run(1);
        inner(2);
      });
      expect(() => outer()).toThrow('inner');
      expect(count()).toBe(0);
    });

    it('a transaction function returning a promise is a TypeError, after a rollback', () => {
      const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
      const tx = db.immediateTransaction(async () => {
        insert.run(1);
      });
      expect(() => tx()).toThrow(TypeError);
      expect(count()).toBe(0);
    });

    it('a read transaction sees one snapshot', () => {
      db.prepare('INSERT INTO t (n) VALUES (?)').run(1);
      const read = db.readTransaction(() => [count(), db.prepare('SELECT sum(n) AS s FROM t').get()]);
      expect(read()).toEqual([1, { s: 1 }]);
    });
  });
}
