// Store port for the audit log: what happened, by whom, never a secret.
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.

/** What the audit log records (never a secret, token or code). */
export type AuditEventType =
  | 'signup'
  | 'signin'
  | 'login-failed'
  | 'refresh'
  | 'refresh-reuse'
  | 'logout'
  | 'logout-all'
  | 'session-revoked'
  | 'key-rotated'
  | 'project-changed'
  | 'management'
  | 'management-auth-failed'
  | 'console-login'
  | 'console-login-refused'
  | 'console-logout';

export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = Object.freeze([
  'signup',
  'signin',
  'login-failed',
  'refresh',
  'refresh-reuse',
  'logout',
  'logout-all',
  'session-revoked',
  'key-rotated',
  'project-changed',
  'management',
  'management-auth-failed',
  'console-login',
  'console-login-refused',
  'console-logout',
]);

export interface AuditEvent {
  projectId: string;
  type: AuditEventType;
  /** Epoch ms. */
  at: number;
  /** The user concerned, when there is one. */
  userId: string | null;
  /** The client's IP ('' when not from a request, e.g. the CLI). */
  ip: string;
  userAgent: string;
  /** 'login-failed', 'management-auth-failed': the catalogue code of the failure; otherwise null. */
  reason: string | null;
  /** A few safe words on what happened (`POST /v1/mgmt/user/create`, `kid …`); never a secret. */
  detail: string;
  /** The console admin who acted (console sessions); null or absent for the management key and end users. */
  actorUserId?: string | null;
}

export interface AuditRecord extends AuditEvent {
  actorUserId: string | null;
  /** Increases with every append on one database: the paging cursor. */
  id: number;
}

export interface AuditQuery {
  userId?: string;
  type?: AuditEventType;
  /** Only events at or after this time (epoch ms). */
  since?: number;
  /** Only events at or before this time (epoch ms). */
  until?: number;
  /** Only events with a larger id (the cursor of the previous oldest-first page). */
  afterId?: number;
  /** Only events with a smaller id (the cursor of the previous newest-first page). */
  beforeId?: number;
  /** 'oldest-first' (by id; the default) or 'newest-first'. */
  order?: 'oldest-first' | 'newest-first';
  /** Page size; default 100, at most 1000 (0 means the default). */
  limit?: number;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  /** The project's matching events in `order` (by id); other projects' events are never returned. */
  query(projectId: string, query: AuditQuery): Promise<AuditRecord[]>;
  /**
   * Retention: deletes at most `limit` events (of every project) whose time `at` is before `cutoffMs`, oldest first;
   * returns how many it deleted (fewer than `limit` means none older are left).
   */
  deleteOlderThan(cutoffMs: number, limit: number): Promise<number>;
}
