// inTransaction: runs a unit of work on one pooled connection between BEGIN and COMMIT (ROLLBACK on any throw).
import type pg from 'pg';

/** A pooled connection or the pool itself: both run queries. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * READ COMMITTED (PostgreSQL's default) is enough for every guarantee in ports.ts: each one is a conditional write
 * (INSERT … ON CONFLICT, UPDATE … WHERE <state>) whose row lock makes concurrent writers queue and re-check.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      // The connection itself failed: drop it from the pool rather than hand out a half-open transaction.
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
