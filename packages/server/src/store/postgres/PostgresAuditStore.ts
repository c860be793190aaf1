// Audit log on PostgreSQL: append-only rows, read by id (either order) with optional filters; old rows deleted in batches.
import type pg from 'pg';
import type { AuditEvent, AuditQuery, AuditRecord, AuditStore } from '../ports.js';
import { type AuditRow, auditLimit, auditRecordOf } from '../auditRows.js';
import { deleteBatchLimit } from '../rows.js';

export class PostgresAuditStore implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(e: AuditEvent): Promise<void> {
    await this.pool.query({
      name: 'audit_append',
      text:
        'INSERT INTO audit_events (project_id, type, at, user_id, ip, user_agent, reason, detail) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      values: [e.projectId, e.type, e.at, e.userId, e.ip, e.userAgent, e.reason, e.detail],
    });
  }

  async query(projectId: string, q: AuditQuery): Promise<AuditRecord[]> {
    const values: unknown[] = [projectId, q.afterId ?? 0, q.since ?? 0];
    const where = ['project_id = $1', 'id > $2', 'at >= $3'];
    if (q.beforeId !== undefined) {
      values.push(q.beforeId);
      where.push(`id < $${values.length}`);
    }
    if (q.until !== undefined) {
      values.push(q.until);
      where.push(`at <= $${values.length}`);
    }
    if (q.userId !== undefined) {
      values.push(q.userId);
      where.push(`user_id = $${values.length}`);
    }
    if (q.type !== undefined) {
      values.push(q.type);
      where.push(`type = $${values.length}`);
    }
    values.push(auditLimit(q.limit));
    const r = await this.pool.query<AuditRow>(
      `SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY id${q.order === 'newest-first' ? ' DESC' : ''} LIMIT $${values.length}`,
      values,
    );
    return r.rows.map(auditRecordOf);
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    // The subquery walks the audit_events_at index oldest first and stops after LIMIT rows.
    const r = await this.pool.query({
      name: 'audit_delete_older',
      text: 'DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < $1 ORDER BY at LIMIT $2)',
      values: [cutoffMs, deleteBatchLimit(limit)],
    });
    return r.rowCount ?? 0;
  }
}
