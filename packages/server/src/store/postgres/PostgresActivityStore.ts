// Login activity on PostgreSQL: per-minute counter rows, a batch upserted in one statement; summed per bucket on read.
import type pg from 'pg';
import { type ActivityIncrement, type ActivityStore, type ActivitySum, foldIncrements } from '../activityPorts.js';
import { deleteBatchLimit } from '../rows.js';

/** Rows in a fixed order, so two instances upserting overlapping batches lock them in the same order (no deadlock). */
const byRow = (a: ActivityIncrement, b: ActivityIncrement): number =>
  a.projectId < b.projectId
    ? -1
    : a.projectId > b.projectId
      ? 1
      : a.minute - b.minute || (a.metric < b.metric ? -1 : 1);

export class PostgresActivityStore implements ActivityStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(increments: readonly ActivityIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    // Folded first: one statement may not update the same row twice.
    const rows = foldIncrements(increments).sort(byRow);
    await this.pool.query({
      name: 'activity_add',
      text: `INSERT INTO activity_counts (project_id, minute, metric, count, last_at)
               SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])
             ON CONFLICT (project_id, minute, metric) DO UPDATE
               SET count = activity_counts.count + excluded.count,
                   last_at = greatest(activity_counts.last_at, excluded.last_at)`,
      values: [
        rows.map((r) => r.projectId),
        rows.map((r) => r.minute),
        rows.map((r) => r.metric),
        rows.map((r) => r.count),
        rows.map((r) => r.lastAt),
      ],
    });
  }

  async sums(projectId: string, from: number, to: number, bucketMs: number): Promise<ActivitySum[]> {
    const r = await this.pool.query<{ bucket: number; metric: string; count: number; last_at: number }>({
      name: 'activity_sums',
      text: `SELECT (minute / $4::bigint) * $4::bigint AS bucket, metric, sum(count)::bigint AS count,
                    max(last_at) AS last_at
               FROM activity_counts
              WHERE project_id = $1 AND minute >= $2 AND minute < $3
              GROUP BY 1, 2 ORDER BY 1, 2`,
      values: [projectId, from, to, bucketMs],
    });
    return r.rows.map((x) => ({ bucket: x.bucket, metric: x.metric, count: x.count, lastAt: x.last_at }));
  }

  async lastAt(projectId: string, metric: string): Promise<number | null> {
    const r = await this.pool.query<{ last_at: number | null }>({
      name: 'activity_last_at',
      text: 'SELECT max(last_at) AS last_at FROM activity_counts WHERE project_id = $1 AND metric = $2',
      values: [projectId, metric],
    });
    return r.rows[0]?.last_at ?? null;
  }

  async countExpiredLogins(now: number, metric: string): Promise<number> {
    // One statement: the UPDATE's RETURNING feeds the count. A row another instance marked first is skipped (the
    // UPDATE waits on its row lock, then re-checks `NOT expiry_counted`), so it is counted by that instance only.
    const r = await this.pool.query<{ counted: number }>({
      name: 'activity_count_expired',
      text: `WITH marked AS (
               UPDATE pending_auths SET expiry_counted = true
                WHERE expires_at < $1 AND status IN ('pending', 'awaiting-confirmation') AND NOT expiry_counted
                RETURNING project_id, expires_at
             ), counted AS (
               INSERT INTO activity_counts (project_id, minute, metric, count, last_at)
                 SELECT project_id, expires_at - expires_at % 60000, $2, count(*), max(expires_at)
                   FROM marked GROUP BY 1, 2 ORDER BY 1, 2
               ON CONFLICT (project_id, minute, metric) DO UPDATE
                 SET count = activity_counts.count + excluded.count,
                     last_at = greatest(activity_counts.last_at, excluded.last_at)
             )
             SELECT count(*)::bigint AS counted FROM marked`,
      values: [now, metric],
    });
    return r.rows[0]?.counted ?? 0;
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    const r = await this.pool.query({
      name: 'activity_delete_older',
      text: `DELETE FROM activity_counts WHERE (project_id, minute, metric) IN
               (SELECT project_id, minute, metric FROM activity_counts WHERE minute < $1 ORDER BY minute LIMIT $2)`,
      values: [cutoffMs, deleteBatchLimit(limit)],
    });
    return r.rowCount ?? 0;
  }
}
