// recordAudit: appends one audit event (time from the clock, client fields bounded); a failed write is logged, not thrown.
import type { Deps } from '../deps.js';
import type { AuditEvent } from '../store/ports.js';

/** What a caller says about an event; `at` comes from the clock. */
export interface AuditInput {
  projectId: string;
  type: AuditEvent['type'];
  userId?: string | null;
  ip?: string;
  userAgent?: string;
  reason?: string | null;
  detail?: string;
  /** The console admin who acted (console sessions); absent for the management key and end users. */
  actorUserId?: string | null;
}

/** Who asked, as a management flow is told: the client and, from the console, the acting admin. */
export type AuditClient = Pick<AuditInput, 'ip' | 'userAgent' | 'actorUserId'>;

/**
 * Records an audit event. Never a secret, token or code goes in: callers pass ids, catalogue codes and route names.
 * A store failure is logged and swallowed: the audit log must not turn a working login into an outage
 * (the same failure would surface on the request's own writes anyway).
 */
export async function recordAudit(deps: Pick<Deps, 'store' | 'clock' | 'log'>, input: AuditInput): Promise<void> {
  const event: AuditEvent = {
    projectId: input.projectId,
    type: input.type,
    at: deps.clock.now(),
    userId: input.userId ?? null,
    ip: (input.ip ?? '').slice(0, 64),
    userAgent: (input.userAgent ?? '').slice(0, 512),
    reason: input.reason ?? null,
    detail: (input.detail ?? '').slice(0, 512),
    actorUserId: input.actorUserId ?? null,
  };
  try {
    await deps.store.audit.append(event);
  } catch (err) {
    deps.log.error({ err, type: event.type, projectId: event.projectId }, 'audit: append failed');
  }
}
