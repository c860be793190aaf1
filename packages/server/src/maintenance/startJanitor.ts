// Janitor: periodically deletes expired pending logins, old webhook message ids and expired sessions; retires keys.
import type { Deps } from '../deps.js';

/** How often the janitor runs. */
export const JANITOR_INTERVAL_MS = 60_000; // 1 min
/** Webhook message ids are kept this long: Meta retries deliveries for up to 7 days. */
export const MESSAGE_KEY_RETENTION_MS = 8 * 24 * 60 * 60 * 1000; // 8 days
/** Pending logins are kept this long after expiry (for "expired" answers to late polls). */
export const PENDING_RETENTION_MS = 60 * 60 * 1000; // 1 h

/** One pass; returns what it removed (for logs and tests). */
export async function runJanitor(deps: Pick<Deps, 'store' | 'clock'>): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const [pending, messages, sessions, keys] = await Promise.all([
    deps.store.pendingAuths.deleteExpired(now - PENDING_RETENTION_MS),
    deps.store.webhookMessages.deleteOlderThan(now - MESSAGE_KEY_RETENTION_MS),
    deps.store.sessions.deleteExpired(now),
    deps.store.keys.retireDue(now),
  ]);
  return { pending, messages, sessions, keys };
}

/** Starts the periodic janitor (unref'd: it never keeps the process alive). Returns a stop function. */
export function startJanitor(deps: Pick<Deps, 'store' | 'clock' | 'log'>): () => void {
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
