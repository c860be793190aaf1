// Refresh sessions on PostgreSQL: revocation and rotation are conditional UPDATEs, so a token is used up only once.
import type pg from 'pg';
import type { RefreshSessionRecord, SessionStore } from '../ports.js';
import { postgresColumns, type RefreshSessionRow, refreshSessionRecordOf } from '../rows.js';
import { inTransaction, type Queryable } from './inTransaction.js';

async function insertSession(db: Queryable, s: RefreshSessionRecord): Promise<void> {
  await db.query({
    name: 'session_insert',
    text: `INSERT INTO refresh_sessions (
        id, project_id, user_id, family_id, amr, tenant_id, custom_claims, custom_claims_trusted, created_at, expires_at,
        revoked_at, rotated_at, ip, user_agent)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    values: [
      s.id,
      s.projectId,
      s.userId,
      s.familyId,
      JSON.stringify(s.amr),
      s.tenantId,
      JSON.stringify(s.customClaims),
      s.customClaimsTrusted,
      s.createdAt,
      s.expiresAt,
      s.revokedAt,
      s.rotatedAt,
      s.ip ?? null,
      s.userAgent ?? null,
    ],
  });
}

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: pg.Pool) {}

  create(session: RefreshSessionRecord): Promise<void> {
    return insertSession(this.pool, session);
  }

  async get(id: string): Promise<RefreshSessionRecord | null> {
    const r = await this.pool.query<RefreshSessionRow>({
      name: 'session_get',
      text: 'SELECT * FROM refresh_sessions WHERE id = $1',
      values: [id],
    });
    return r.rows[0] ? refreshSessionRecordOf(r.rows[0], postgresColumns) : null;
  }

  async revoke(id: string, now: number): Promise<boolean> {
    // coalesce keeps the first revocation time: revoking twice is not a new event (but the row still counts).
    const r = await this.pool.query({
      name: 'session_revoke',
      text: 'UPDATE refresh_sessions SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2',
      values: [now, id],
    });
    return (r.rowCount ?? 0) > 0;
  }

  async revokeAllForUser(projectId: string, userId: string, now: number): Promise<number> {
    const r = await this.pool.query(
      `UPDATE refresh_sessions SET revoked_at = $1
        WHERE project_id = $2 AND user_id = $3 AND revoked_at IS NULL AND expires_at > $1`,
      [now, projectId, userId],
    );
    return r.rowCount ?? 0;
  }

  async revokeFamily(familyId: string, now: number): Promise<number> {
    const r = await this.pool.query(
      'UPDATE refresh_sessions SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL',
      [now, familyId],
    );
    return r.rowCount ?? 0;
  }

  async rotate(oldId: string, next: RefreshSessionRecord, now: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // A concurrent rotator of the same id waits on this row's lock, then finds rotated_at set: false.
      const marked = await client.query({
        name: 'session_mark_rotated',
        text: `UPDATE refresh_sessions SET rotated_at = $2
          WHERE id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > $2`,
        values: [oldId, now],
      });
      if (marked.rowCount === 0) return false;
      await insertSession(client, next);
      return true;
    });
  }

  async listForUser(projectId: string, userId: string): Promise<RefreshSessionRecord[]> {
    const r = await this.pool.query<RefreshSessionRow>(
      'SELECT * FROM refresh_sessions WHERE project_id = $1 AND user_id = $2 ORDER BY created_at DESC, id',
      [projectId, userId],
    );
    return r.rows.map((row) => refreshSessionRecordOf(row, postgresColumns));
  }

  async deleteExpired(before: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM refresh_sessions WHERE expires_at < $1', [before]);
    return r.rowCount ?? 0;
  }
}
