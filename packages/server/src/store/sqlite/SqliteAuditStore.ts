// Audit log on SQLite: append-only rows, read by id (either order) with optional filters; old rows deleted in batches.
import type { SqliteDatabase, SqliteStatement, SqliteValue } from './sqliteDatabase.js';
import { type AuditRow, auditLimit, auditRecordOf } from '../auditRows.js';
import type { AuditEvent, AuditQuery, AuditRecord, AuditStore } from '../ports.js';
import { deleteBatchLimit } from '../rows.js';

export class SqliteAuditStore implements AuditStore {
  private readonly insert: SqliteStatement;
  private readonly deleteOldest: SqliteStatement;
  /** One statement per filter combination (userId?, type?), prepared once. */
  private readonly selects = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO audit_events (project_id, type, at, user_id, ip, user_agent, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The subquery walks the audit_events_at index oldest first and stops after LIMIT rows.
    this.deleteOldest = db.prepare(
      'DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ? ORDER BY at LIMIT ?)',
    );
  }

  async append(e: AuditEvent): Promise<void> {
    this.insert.run(e.projectId, e.type, e.at, e.userId, e.ip, e.userAgent, e.reason, e.detail);
  }

  async query(projectId: string, q: AuditQuery): Promise<AuditRecord[]> {
    const desc = q.order === 'newest-first';
    const shape = `${q.userId !== undefined ? 'u' : ''}${q.type !== undefined ? 't' : ''}${desc ? 'd' : ''}`;
    let stmt = this.selects.get(shape);
    if (!stmt) {
      const where = ['project_id = @projectId', 'id > @afterId', 'id < @beforeId', 'at >= @since', 'at <= @until'];
      if (q.userId !== undefined) where.push('user_id = @userId');
      if (q.type !== undefined) where.push('type = @type');
      const order = desc ? 'id DESC' : 'id';
      stmt = this.db.prepare(`SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`);
      this.selects.set(shape, stmt);
    }
    const params: Record<string, SqliteValue> = {
      projectId,
      afterId: q.afterId ?? 0,
      beforeId: q.beforeId ?? Number.MAX_SAFE_INTEGER,
      since: q.since ?? 0,
      until: q.until ?? Number.MAX_SAFE_INTEGER,
      limit: auditLimit(q.limit),
    };
    if (q.userId !== undefined) params.userId = q.userId;
    if (q.type !== undefined) params.type = q.type;
    return (stmt.all(params) as AuditRow[]).map(auditRecordOf);
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    return this.deleteOldest.run(cutoffMs, deleteBatchLimit(limit)).changes;
  }
}
