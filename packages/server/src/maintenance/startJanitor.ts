// Janitor: periodically deletes expired pending logins, old webhook message ids and expired sessions; retires keys;
// deletes audit events and login history older than NOTP_AUDIT_RETENTION_DAYS, and activity counters older than 8 days.
import { EXPIRED_METRIC } from '../activity/activityMetrics.js';
import type { Deps } from '../deps.js';

/** How often the janitor runs. */
export const JANITOR_INTERVAL_MS = 60_000; // 1 min
/** Webhook message ids are kept this long: Meta retries deliveries for up to 7 days. */
export const MESSAGE_KEY_RETENTION_MS = 8 * 24 * 60 * 60 * 1000; // 8 days
/** Pending logins are kept this long after expiry (for "expired" answers to late polls). */
export const PENDING_RETENTION_MS = 60 * 60 * 1000; // 1 h
const DAY_MS = 24 * 60 * 60 * 1000;
/** Activity counters are kept this long: the console's longest range is a week (plus a day of slack). */
export const ACTIVITY_RETENTION_MS = 8 * DAY_MS; // 8 days
/**
 * At most this many audit events, and this many login-history rows, are deleted per pass. Bounded so that a first
 * pass over a large backlog (retention turned on, or shortened, on a years-old database) never blocks the event loop
 * (SQLite deletes on it) or holds PostgreSQL's row locks for long; the rest goes in later passes, one per minute.
 * Measured on SQLite (2-core machine, 200,000-row tables): about 0.1 s per table for a full batch.
 */
export const RETENTION_BATCH = 10_000;

/** One pass; returns what it removed (for logs and tests). */
export async function runJanitor(deps: Pick<Deps, 'store' | 'clock' | 'config'>): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const retentionDays = deps.config.auditRetentionDays;
  // 0 = keep forever: the audit log and login history are then never touched.
  const auditCutoff = retentionDays > 0 ? now - retentionDays * DAY_MS : null;
  // First: logins that expired unfinished are counted (activity `failed:expired`, once each) before any is deleted.
  const expired = await deps.store.activity.countExpiredLogins(now, EXPIRED_METRIC);
  const [pending, messages, sessions, keys, audit, history, activity] = await Promise.all([
    deps.store.pendingAuths.deleteExpired(now - PENDING_RETENTION_MS),
    deps.store.webhookMessages.deleteOlderThan(now - MESSAGE_KEY_RETENTION_MS),
    deps.store.sessions.deleteExpired(now),
    deps.store.keys.retireDue(now),
    auditCutoff === null ? 0 : deps.store.audit.deleteOlderThan(auditCutoff, RETENTION_BATCH),
    auditCutoff === null ? 0 : deps.store.loginHistory.deleteOlderThan(auditCutoff, RETENTION_BATCH),
    deps.store.activity.deleteOlderThan(now - ACTIVITY_RETENTION_MS, RETENTION_BATCH),
  ]);
  return { expired, pending, messages, sessions, keys, audit, history, activity };
}

/** Starts the periodic janitor (unref'd: it never keeps the process alive). Returns a stop function. */
export function startJanitor(deps: Pick<Deps, 'store' | 'clock' | 'config' | 'log'>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runJanitor(deps)
      .then((removed) => {
        if (Object.values(removed).some((n) => n > 0)) deps.log.debug({ removed }, 'janitor pass');
      })
      .catch((err: unknown) => deps.log.warn({ err }, 'janitor pass failed'))
      .finally(() => {
        running = false;
      });
  }, JANITOR_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
