// Signing keys on PostgreSQL: at most one active key per project (a partial unique index), rotation in one transaction.
import type pg from 'pg';
import type { KeyStore, SigningKeyRecord } from '../ports.js';
import { postgresColumns, type SigningKeyRow, signingKeyRecordOf } from '../rows.js';
import { inTransaction, type Queryable } from './inTransaction.js';

async function insertKey(db: Queryable, k: SigningKeyRecord): Promise<void> {
  await db.query(
    `INSERT INTO signing_keys (kid, project_id, alg, public_jwk, private_key_enc, status, created_at, retire_after)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [k.kid, k.projectId, k.alg, JSON.stringify(k.publicJwk), k.privateKeyEnc, k.status, k.createdAt, k.retireAfter],
  );
}

export class PostgresKeyStore implements KeyStore {
  constructor(private readonly pool: pg.Pool) {}

  create(key: SigningKeyRecord): Promise<void> {
    return insertKey(this.pool, key);
  }

  async listPublished(projectId: string): Promise<SigningKeyRecord[]> {
    // The active key first among equal times: it is the one signing now.
    const r = await this.pool.query<SigningKeyRow>({
      name: 'keys_published',
      text: `SELECT * FROM signing_keys
        WHERE project_id = $1 AND status IN ('active', 'verify-only')
        ORDER BY created_at DESC, status = 'active' DESC, kid`,
      values: [projectId],
    });
    return r.rows.map((row) => signingKeyRecordOf(row, postgresColumns));
  }

  async getActive(projectId: string): Promise<SigningKeyRecord | null> {
    const r = await this.pool.query<SigningKeyRow>({
      name: 'keys_active',
      text: "SELECT * FROM signing_keys WHERE project_id = $1 AND status = 'active'",
      values: [projectId],
    });
    return r.rows[0] ? signingKeyRecordOf(r.rows[0], postgresColumns) : null;
  }

  async rotate(projectId: string, next: SigningKeyRecord, retireAfter: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Rotations of one project queue on a transaction-scoped advisory lock: under READ COMMITTED a second
      // rotator would otherwise not see the key the first one inserted, and collide on the one-active index.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notp:keys:${projectId}`]);
      await client.query(
        "UPDATE signing_keys SET status = 'verify-only', retire_after = $1 WHERE project_id = $2 AND status = 'active'",
        [retireAfter, projectId],
      );
      await insertKey(client, { ...next, projectId, status: 'active', retireAfter: null });
    });
  }

  async retireDue(now: number): Promise<number> {
    const r = await this.pool.query(
      "UPDATE signing_keys SET status = 'retired' WHERE status = 'verify-only' AND retire_after <= $1",
      [now],
    );
    return r.rowCount ?? 0;
  }
}
