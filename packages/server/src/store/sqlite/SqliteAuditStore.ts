// Audit log on SQLite: append-only rows, read oldest first by id with optional filters.
import type { SqliteDatabase, SqliteStatement, SqliteValue } from './sqliteDriver.js';
import { type AuditRow, auditLimit, auditRecordOf } from '../auditRows.js';
import type { AuditEvent, AuditQuery, AuditRecord, AuditStore } from '../ports.js';

export class SqliteAuditStore implements AuditStore {
  private readonly insert: SqliteStatement;
  /** One statement per filter combination (userId?, type?), prepared once. */
  private readonly selects = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO audit_events (project_id, type, at, user_id, ip, user_agent, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  async append(e: AuditEvent): Promise<void> {
    this.insert.run(e.projectId, e.type, e.at, e.userId, e.ip, e.userAgent, e.reason, e.detail);
  }

  async query(projectId: string, q: AuditQuery): Promise<AuditRecord[]> {
    const shape = `${q.userId !== undefined ? 'u' : ''}${q.type !== undefined ? 't' : ''}`;
    let stmt = this.selects.get(shape);
    if (!stmt) {
      const where = ['project_id = @projectId', 'id > @afterId', 'at >= @since'];
      if (q.userId !== undefined) where.push('user_id = @userId');
      if (q.type !== undefined) where.push('type = @type');
      stmt = this.db.prepare(`SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`);
      this.selects.set(shape, stmt);
    }
    const params: Record<string, SqliteValue> = {
      projectId,
      afterId: q.afterId ?? 0,
      since: q.since ?? 0,
      limit: auditLimit(q.limit),
    };
    if (q.userId !== undefined) params.userId = q.userId;
    if (q.type !== undefined) params.type = q.type;
    return (stmt.all(params) as AuditRow[]).map(auditRecordOf);
  }
}
