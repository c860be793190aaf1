// GET /v1/mgmt/notp/activity: a project's logins over the last hour, day or week, read from the activity counters.
import {
  COMPLETED,
  COMPLETION_BOUNDS_MS,
  COMPLETION_PREFIX,
  FAILED_PREFIX,
  RECEIVED,
  REPLY_FAILED,
  REPLY_RETRIED,
  REPLY_SENT,
  STARTED,
  WEBHOOK,
} from '../../activity/activityMetrics.js';
import type { Deps } from '../../deps.js';
import type { ActivityAnswer, ActivityBucket, ActivityRange } from './activityAnswer.js';

export type { ActivityAnswer, ActivityBucket, ActivityRange } from './activityAnswer.js';
import { type ActivitySum, SERVER_WIDE } from '../../store/activityPorts.js';

export const ACTIVITY_RANGES: readonly ActivityRange[] = Object.freeze(['hour', 'day', 'week']);

const MIN = 60_000;
/** Each range's length and bucket size: 60 one-minute, 96 fifteen-minute or 168 one-hour buckets. */
export const RANGE_SHAPE: Readonly<Record<ActivityRange, { rangeMs: number; bucketMs: number }>> = Object.freeze({
  hour: { rangeMs: 60 * MIN, bucketMs: MIN },
  day: { rangeMs: 24 * 60 * MIN, bucketMs: 15 * MIN },
  week: { rangeMs: 7 * 24 * 60 * MIN, bucketMs: 60 * MIN },
});

/**
 * The project's activity in `[from, to)`: `to` is the end of the current bucket, so the last bucket is the one in
 * progress. Counts are what every instance had flushed (each flushes every few seconds, see ActivityRecorder).
 */
export async function readActivity(
  deps: Pick<Deps, 'store' | 'clock' | 'whatsapp'>,
  projectId: string,
  range: ActivityRange,
): Promise<ActivityAnswer> {
  const { rangeMs, bucketMs } = RANGE_SHAPE[range];
  const to = Math.floor(deps.clock.now() / bucketMs) * bucketMs + bucketMs;
  const from = to - rangeMs;
  const [sums, server, lastWebhookAt] = await Promise.all([
    deps.store.activity.sums(projectId, from, to, bucketMs),
    deps.store.activity.sums(SERVER_WIDE, from, to, rangeMs),
    deps.store.activity.lastAt(SERVER_WIDE, WEBHOOK),
  ]);

  const buckets: ActivityBucket[] = [];
  for (let at = from; at < to; at += bucketMs) buckets.push({ at, started: 0, received: 0, completed: 0, failed: 0 });
  const funnel = { started: 0, received: 0, completed: 0 };
  const failures = new Map<string, number>();
  const histogram = new Map<number, number>();
  for (const s of sums) {
    const bucket = buckets[Math.floor((s.bucket - from) / bucketMs)];
    if (!bucket) continue;
    if (s.metric === STARTED || s.metric === RECEIVED || s.metric === COMPLETED) {
      bucket[s.metric] += s.count;
      funnel[s.metric] += s.count;
    } else if (s.metric.startsWith(FAILED_PREFIX)) {
      bucket.failed += s.count;
      const reason = s.metric.slice(FAILED_PREFIX.length);
      failures.set(reason, (failures.get(reason) ?? 0) + s.count);
    } else if (s.metric.startsWith(COMPLETION_PREFIX)) {
      const bound = Number(s.metric.slice(COMPLETION_PREFIX.length));
      histogram.set(bound, (histogram.get(bound) ?? 0) + s.count);
    }
  }
  return {
    range,
    from,
    to,
    bucketMs,
    buckets,
    funnel,
    completionMs: percentiles(histogram),
    failures: [...failures]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    provider: {
      name: deps.whatsapp.sender.name,
      lastWebhookAt,
      repliesSent: total(server, REPLY_SENT),
      repliesFailed: total(server, REPLY_FAILED),
      repliesRetried: total(server, REPLY_RETRIED),
    },
  };
}

const total = (sums: readonly ActivitySum[], metric: string): number =>
  sums.reduce((n, s) => (s.metric === metric ? n + s.count : n), 0);

/** p50 and p95 as the upper bound of the histogram bucket holding them (null without completions). */
export function percentiles(histogram: ReadonlyMap<number, number>): ActivityAnswer['completionMs'] {
  const bounds = [...COMPLETION_BOUNDS_MS, ...histogram.keys()].filter((b, i, all) => all.indexOf(b) === i);
  bounds.sort((a, b) => a - b);
  const count = [...histogram.values()].reduce((a, b) => a + b, 0);
  const at = (q: number): number | null => {
    if (count === 0) return null;
    const rank = Math.ceil(q * count);
    let seen = 0;
    for (const b of bounds) {
      seen += histogram.get(b) ?? 0;
      if (seen >= rank) return b;
    }
    return null;
  };
  return { p50: at(0.5), p95: at(0.95), count };
}
