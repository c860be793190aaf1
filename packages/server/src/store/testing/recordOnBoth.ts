// Row-mapper test helper: one PostgreSQL-shaped row and its SQLite shape must map to the same record.
import { expect } from 'vitest';
import { type ColumnDecoding, postgresColumns, sqliteColumns } from '../rows.js';

/** The SQLite shape of a PostgreSQL-shaped row: the named JSON columns as text, the boolean columns as 0/1. */
function asSqlite<Row extends object>(pgRow: Row, shape: Shape<Row>): Row {
  const row = { ...(pgRow as object) } as Record<string, unknown>;
  for (const c of shape.json ?? []) row[c as string] = JSON.stringify(pgRow[c]);
  for (const c of shape.bool ?? []) row[c as string] = pgRow[c] === true ? 1 : 0;
  return row as Row;
}

/** Which columns SQLite stores differently: JSON as text, booleans as 0/1. */
export type Shape<Row> = { json?: readonly (keyof Row)[]; bool?: readonly (keyof Row)[] };

/** Maps a PostgreSQL-shaped row and its SQLite shape, expects the same record from both, and returns it. */
export function recordOnBoth<Row extends object, R>(
  recordOf: (row: Row, columns: ColumnDecoding) => R,
  pgRow: Row,
  shape: Shape<Row>,
): R {
  const fromPg = recordOf(pgRow, postgresColumns);
  expect(recordOf(asSqlite(pgRow, shape), sqliteColumns)).toStrictEqual(fromPg);
  return fromPg;
}
