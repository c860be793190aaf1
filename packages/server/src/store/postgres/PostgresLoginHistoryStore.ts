// Login history on PostgreSQL: append-only rows, read newest first; old rows deleted in batches.
import type pg from 'pg';
import type { LoginHistoryRecord, LoginHistoryStore } from '../ports.js';
import { deleteBatchLimit, type LoginHistoryRow, loginHistoryRecordOf } from '../rows.js';

const DEFAULT_LIMIT = 50;

export class PostgresLoginHistoryStore implements LoginHistoryStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(e: LoginHistoryRecord): Promise<void> {
    await this.pool.query({
      name: 'login_history_add',
      text: 'INSERT INTO login_history (project_id, user_id, login_time, ip, city, country) VALUES ($1, $2, $3, $4, $5, $6)',
      values: [e.projectId, e.userId, e.loginTime, e.ip, e.city, e.country],
    });
  }

  async list(projectId: string, userId: string, limit = DEFAULT_LIMIT): Promise<LoginHistoryRecord[]> {
    // id breaks ties between logins in the same millisecond: the later insert is the newer login.
    const r = await this.pool.query<LoginHistoryRow>(
      'SELECT * FROM login_history WHERE project_id = $1 AND user_id = $2 ORDER BY login_time DESC, id DESC LIMIT $3',
      [projectId, userId, Math.max(0, Math.trunc(limit))],
    );
    return r.rows.map(loginHistoryRecordOf);
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    // The subquery walks the login_history_login_time index oldest first and stops after LIMIT rows.
    const r = await this.pool.query({
      name: 'login_history_delete_older',
      text:
        'DELETE FROM login_history WHERE id IN ' +
        '(SELECT id FROM login_history WHERE login_time < $1 ORDER BY login_time LIMIT $2)',
      values: [cutoffMs, deleteBatchLimit(limit)],
    });
    return r.rowCount ?? 0;
  }
}
