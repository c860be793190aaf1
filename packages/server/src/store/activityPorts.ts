// Store port for login activity: per-minute counters (project, minute, metric) → count, checked by activityConformance.ts.
// Same rules as ports.ts: times are epoch ms, every method is async, "not found" is a return value, never a throw.

/** The finest bucket the store keeps: one row per project, minute and metric. */
export const ACTIVITY_MINUTE_MS = 60_000; // 1 min

/** The project id of the server-wide rows (the WhatsApp provider serves every project of the server). */
export const SERVER_WIDE = '';

/** The start of the minute `at` falls in. */
export const minuteOf = (at: number): number => Math.floor(at / ACTIVITY_MINUTE_MS) * ACTIVITY_MINUTE_MS;

/** Counts to add to one row; `minute` is a minute start (minuteOf). */
export interface ActivityIncrement {
  projectId: string;
  minute: number;
  /** A stable metric name (see flows/activity/activityMetrics.ts). */
  metric: string;
  count: number;
  /** When the last of these events happened (epoch ms); the row keeps the largest. */
  lastAt: number;
}

/** The sum of one metric over one bucket. */
export interface ActivitySum {
  /** Bucket start: the minute rounded down to a multiple of the bucket size. */
  bucket: number;
  metric: string;
  count: number;
  lastAt: number;
}

export interface ActivityStore {
  /**
   * Adds every increment to its (projectId, minute, metric) row, creating the row when absent; `lastAt` becomes the
   * larger of the stored and the given one. Atomic per row: concurrent adds from any number of instances all count.
   * Increments for one row within one call are summed. An empty list is a no-op.
   */
  add(increments: readonly ActivityIncrement[]): Promise<void>;
  /**
   * The project's rows with `from <= minute < to`, summed per bucket of `bucketMs` (a multiple of one minute) and
   * metric, ordered by bucket then metric. Rows of other projects are never included.
   */
  sums(projectId: string, from: number, to: number, bucketMs: number): Promise<ActivitySum[]>;
  /** The largest `lastAt` ever stored (and not yet purged) for the project's metric; null when none. */
  lastAt(projectId: string, metric: string): Promise<number | null>;
  /**
   * The janitor's count of expired logins: every pending login that expired before `now` unfinished ('pending' or
   * 'awaiting-confirmation') and was not counted yet is marked counted and adds one `metric` count to the row of its
   * project and expiry minute, in one transaction. Each login is counted once, also when several instances run this
   * at the same time. Returns how many it counted.
   */
  countExpiredLogins(now: number, metric: string): Promise<number>;
  /**
   * Retention: deletes at most `limit` rows (of every project) whose minute is before `cutoffMs`, oldest first;
   * returns how many it deleted (fewer than `limit` means none older are left).
   */
  deleteOlderThan(cutoffMs: number, limit: number): Promise<number>;
}

/** The increments with the same row folded into one (counts summed, latest lastAt), so one statement writes each row. */
export function foldIncrements(increments: readonly ActivityIncrement[]): ActivityIncrement[] {
  const byRow = new Map<string, ActivityIncrement>();
  for (const inc of increments) {
    const key = `${inc.projectId}\n${inc.minute}\n${inc.metric}`;
    const seen = byRow.get(key);
    if (seen) {
      seen.count += inc.count;
      seen.lastAt = Math.max(seen.lastAt, inc.lastAt);
    } else byRow.set(key, { ...inc });
  }
  return [...byRow.values()];
}
