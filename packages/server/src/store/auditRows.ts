// Audit rows as both SQL adapters read them, and the page-size rule they share.
import type { AuditEventType, AuditRecord } from './ports.js';

export interface AuditRow {
  id: number;
  project_id: string;
  type: string;
  at: number;
  user_id: string | null;
  ip: string;
  user_agent: string;
  reason: string | null;
  detail: string;
  actor_user_id: string | null;
}

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** The page size a query asks for, clamped: 0 or absent → default, never above the maximum. */
export function auditLimit(limit: number | undefined): number {
  const n = Math.trunc(limit ?? 0);
  return n <= 0 ? AUDIT_DEFAULT_LIMIT : Math.min(n, AUDIT_MAX_LIMIT);
}

export function auditRecordOf(r: AuditRow): AuditRecord {
  return {
    id: Number(r.id),
    projectId: r.project_id,
    type: r.type as AuditEventType,
    at: Number(r.at),
    userId: r.user_id,
    ip: r.ip,
    userAgent: r.user_agent,
    reason: r.reason,
    detail: r.detail,
    actorUserId: r.actor_user_id ?? null,
  };
}
