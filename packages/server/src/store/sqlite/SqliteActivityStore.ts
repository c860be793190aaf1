// Login activity on SQLite: per-minute counter rows upserted in one transaction per batch; summed per bucket on read.
import { type ActivityIncrement, type ActivityStore, type ActivitySum, foldIncrements } from '../activityPorts.js';
import { deleteBatchLimit } from '../rows.js';
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';

interface SumRow {
  bucket: number;
  metric: string;
  count: number;
  last_at: number;
}

export class SqliteActivityStore implements ActivityStore {
  private readonly upsert: SqliteStatement;
  private readonly selectSums: SqliteStatement;
  private readonly selectLast: SqliteStatement;
  private readonly deleteOldest: SqliteStatement;
  private readonly addTx: (increments: readonly ActivityIncrement[]) => void;
  private readonly countExpiredTx: (now: number, metric: string) => number;

  constructor(db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO activity_counts (project_id, minute, metric, count, last_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id, minute, metric)
       DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)`,
    );
    this.selectSums = db.prepare(
      `SELECT minute - minute % CAST(@bucketMs AS INTEGER) AS bucket, metric, sum(count) AS count, max(last_at) AS last_at
         FROM activity_counts
        WHERE project_id = @projectId AND minute >= @from AND minute < @to
        GROUP BY bucket, metric ORDER BY bucket, metric`,
    );
    this.selectLast = db.prepare(
      'SELECT max(last_at) AS last_at FROM activity_counts WHERE project_id = ? AND metric = ?',
    );
    // The subquery walks the activity_counts_minute index oldest first and stops after LIMIT rows.
    this.deleteOldest = db.prepare(
      `DELETE FROM activity_counts WHERE rowid IN
         (SELECT rowid FROM activity_counts WHERE minute < ? ORDER BY minute LIMIT ?)`,
    );
    const unfinished = `expires_at < @now AND status IN ('pending', 'awaiting-confirmation') AND expiry_counted = 0`;
    const countExpired = db.prepare(
      `INSERT INTO activity_counts (project_id, minute, metric, count, last_at)
         SELECT project_id, expires_at - expires_at % 60000 AS m, @metric, count(*), max(expires_at)
           FROM pending_auths WHERE ${unfinished}
          GROUP BY project_id, m
       ON CONFLICT (project_id, minute, metric)
       DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)`,
    );
    const markCounted = db.prepare(`UPDATE pending_auths SET expiry_counted = 1 WHERE ${unfinished}`);
    this.addTx = db.immediateTransaction((increments: readonly ActivityIncrement[]) => {
      for (const i of increments) this.upsert.run(i.projectId, i.minute, i.metric, i.count, i.lastAt);
    });
    // One writer at a time on SQLite: the count and the mark see the same rows, so each login counts once.
    this.countExpiredTx = db.immediateTransaction((now: number, metric: string): number => {
      countExpired.run({ now, metric });
      return markCounted.run({ now }).changes;
    });
  }

  async add(increments: readonly ActivityIncrement[]): Promise<void> {
    if (increments.length > 0) this.addTx(foldIncrements(increments));
  }

  async sums(projectId: string, from: number, to: number, bucketMs: number): Promise<ActivitySum[]> {
    const rows = this.selectSums.all({ projectId, from, to, bucketMs }) as SumRow[];
    return rows.map((r) => ({ bucket: r.bucket, metric: r.metric, count: r.count, lastAt: r.last_at }));
  }

  async lastAt(projectId: string, metric: string): Promise<number | null> {
    const row = this.selectLast.get(projectId, metric) as { last_at: number | null } | undefined;
    return row?.last_at ?? null;
  }

  async countExpiredLogins(now: number, metric: string): Promise<number> {
    return this.countExpiredTx(now, metric);
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    return this.deleteOldest.run(cutoffMs, deleteBatchLimit(limit)).changes;
  }
}
