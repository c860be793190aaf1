// Refresh sessions on SQLite: revocation and rotation are conditional UPDATEs, so a token can be used up only once.
import type { SqliteDatabase, SqliteRowParams, SqliteStatement } from './sqliteDatabase.js';
import type { RefreshSessionRecord, SessionStore } from '../ports.js';
import { type RefreshSessionRow, refreshSessionRecordOf, sqliteColumns } from '../rows.js';

function toSessionRow(s: RefreshSessionRecord): SqliteRowParams<RefreshSessionRow> {
  return {
    id: s.id,
    project_id: s.projectId,
    user_id: s.userId,
    family_id: s.familyId,
    amr: JSON.stringify(s.amr),
    tenant_id: s.tenantId,
    custom_claims: JSON.stringify(s.customClaims),
    custom_claims_trusted: s.customClaimsTrusted ? 1 : 0,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
    revoked_at: s.revokedAt,
    rotated_at: s.rotatedAt,
    ip: s.ip ?? null,
    user_agent: s.userAgent ?? null,
  };
}

export class SqliteSessionStore implements SessionStore {
  private readonly insert: SqliteStatement;
  private readonly selectOne: SqliteStatement;
  private readonly revokeOne: SqliteStatement;
  private readonly revokeUser: SqliteStatement;
  private readonly revokeFamilyStmt: SqliteStatement;
  private readonly markRotated: SqliteStatement;
  private readonly selectForUser: SqliteStatement;
  private readonly deleteExpiredBefore: SqliteStatement;
  private readonly rotateTx: (oldId: string, next: RefreshSessionRecord, now: number) => boolean;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(`INSERT INTO refresh_sessions (
        id, project_id, user_id, family_id, amr, tenant_id, custom_claims, custom_claims_trusted, created_at, expires_at,
        revoked_at, rotated_at, ip, user_agent)
      VALUES (
        @id, @project_id, @user_id, @family_id, @amr, @tenant_id, @custom_claims, @custom_claims_trusted, @created_at,
        @expires_at, @revoked_at, @rotated_at, @ip, @user_agent)`);
    this.selectOne = db.prepare('SELECT * FROM refresh_sessions WHERE id = ?');
    // coalesce keeps the first revocation time: revoking twice is not a new event.
    this.revokeOne = db.prepare('UPDATE refresh_sessions SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?');
    this.revokeUser = db.prepare(`UPDATE refresh_sessions SET revoked_at = ?
      WHERE project_id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?`);
    this.revokeFamilyStmt = db.prepare(
      'UPDATE refresh_sessions SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
    );
    this.markRotated = db.prepare(`UPDATE refresh_sessions SET rotated_at = @now
      WHERE id = @id AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > @now`);
    this.selectForUser = db.prepare(
      'SELECT * FROM refresh_sessions WHERE project_id = ? AND user_id = ? ORDER BY created_at DESC, id',
    );
    this.deleteExpiredBefore = db.prepare('DELETE FROM refresh_sessions WHERE expires_at < ?');

    this.rotateTx = db.immediateTransaction((oldId: string, next: RefreshSessionRecord, now: number): boolean => {
      if (this.markRotated.run({ id: oldId, now }).changes === 0) return false;
      this.insert.run(toSessionRow(next));
      return true;
    });
  }

  async create(session: RefreshSessionRecord): Promise<void> {
    this.insert.run(toSessionRow(session));
  }

  async get(id: string): Promise<RefreshSessionRecord | null> {
    const row = this.selectOne.get(id) as RefreshSessionRow | undefined;
    return row ? refreshSessionRecordOf(row, sqliteColumns) : null;
  }

  async revoke(id: string, now: number): Promise<boolean> {
    // An UPDATE that sets revoked_at to its own value still counts the row, so changes = "the session exists".
    return this.revokeOne.run(now, id).changes > 0;
  }

  async revokeAllForUser(projectId: string, userId: string, now: number): Promise<number> {
    return this.revokeUser.run(now, projectId, userId, now).changes;
  }

  async revokeFamily(familyId: string, now: number): Promise<number> {
    return this.revokeFamilyStmt.run(now, familyId).changes;
  }

  async rotate(oldId: string, next: RefreshSessionRecord, now: number): Promise<boolean> {
    return this.rotateTx(oldId, next, now);
  }

  async listForUser(projectId: string, userId: string): Promise<RefreshSessionRecord[]> {
    return (this.selectForUser.all(projectId, userId) as RefreshSessionRow[]).map((r) =>
      refreshSessionRecordOf(r, sqliteColumns),
    );
  }

  async deleteExpired(before: number): Promise<number> {
    return this.deleteExpiredBefore.run(before).changes;
  }
}
