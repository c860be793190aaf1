// ActivityRecorder: this instance's activity counters in memory, flushed to the store in one batch every few seconds.
import type { ActivityIncrement, ActivityStore } from '../store/activityPorts.js';
import { minuteOf } from '../store/activityPorts.js';

/** How often the counters are written to the store. */
export const ACTIVITY_FLUSH_MS = 5_000; // 5 s
/**
 * Distinct rows held between flushes beyond which new ones are dropped (a store outage must not eat memory); a
 * login adds at most ~4 rows per project and minute, so this is far above any flush interval's worth.
 */
export const MAX_PENDING_ROWS = 50_000;

type LogAt = (obj: Record<string, unknown>, msg: string) => void;

/**
 * `count` is the whole cost on the login path: a Map update, no I/O. `flush` writes everything counted so far in one
 * `ActivityStore.add` call; on failure the counts are kept for the next flush (so an outage delays, never loses, them
 * — up to MAX_PENDING_ROWS rows).
 */
export class ActivityRecorder {
  private rows = new Map<string, ActivityIncrement>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dropped = 0;

  constructor(
    private readonly store: ActivityStore,
    private readonly now: () => number,
    private readonly log: { warn: LogAt },
  ) {}

  /** Counts `n` events of `metric` for the project (SERVER_WIDE for the provider's) at `at` (default: now). */
  count(projectId: string, metric: string, n = 1, at = this.now()): void {
    const minute = minuteOf(at);
    const key = `${projectId}\n${minute}\n${metric}`;
    const row = this.rows.get(key);
    if (row) {
      row.count += n;
      if (at > row.lastAt) row.lastAt = at;
    } else if (this.rows.size < MAX_PENDING_ROWS) {
      this.rows.set(key, { projectId, minute, metric, count: n, lastAt: at });
    } else this.dropped += n;
  }

  /** Writes what was counted (one store call); concurrent calls share one write. Resolves once it is stored. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.catch(() => {}).then(() => this.flush());
    if (this.rows.size === 0) return Promise.resolve();
    const batch = this.rows;
    this.rows = new Map();
    this.flushing = this.store
      .add([...batch.values()])
      .catch((err: unknown) => {
        // Put the counts back (merged with what came in meanwhile) for the next flush.
        for (const r of batch.values()) this.count(r.projectId, r.metric, r.count, r.lastAt);
        throw err;
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }

  /** Flushes every `intervalMs` (unref'd: never keeps the process alive). */
  start(intervalMs = ACTIVITY_FLUSH_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.log.warn({ err }, 'activity flush failed; kept for the next one'));
      if (this.dropped > 0) {
        this.log.warn({ dropped: this.dropped }, 'activity counts dropped: too many unflushed rows');
        this.dropped = 0;
      }
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left (at shutdown, before the store closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
