// Login history on SQLite: append-only rows, read newest first; old rows deleted in batches.
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';
import type { LoginHistoryRecord, LoginHistoryStore } from '../ports.js';
import { deleteBatchLimit, type LoginHistoryRow, loginHistoryRecordOf } from '../rows.js';

const DEFAULT_LIMIT = 50;

export class SqliteLoginHistoryStore implements LoginHistoryStore {
  private readonly insert: SqliteStatement;
  private readonly selectNewest: SqliteStatement;
  private readonly deleteOldest: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO login_history (project_id, user_id, login_time, ip, city, country) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // id breaks ties between logins in the same millisecond: the later insert is the newer login.
    this.selectNewest = db.prepare(
      'SELECT * FROM login_history WHERE project_id = ? AND user_id = ? ORDER BY login_time DESC, id DESC LIMIT ?',
    );
    // The subquery walks the login_history_login_time index oldest first and stops after LIMIT rows.
    this.deleteOldest = db.prepare(
      'DELETE FROM login_history WHERE id IN (SELECT id FROM login_history WHERE login_time < ? ORDER BY login_time LIMIT ?)',
    );
  }

  async add(e: LoginHistoryRecord): Promise<void> {
    this.insert.run(e.projectId, e.userId, e.loginTime, e.ip, e.city, e.country);
  }

  async list(projectId: string, userId: string, limit = DEFAULT_LIMIT): Promise<LoginHistoryRecord[]> {
    const rows = this.selectNewest.all(projectId, userId, Math.max(0, Math.trunc(limit))) as LoginHistoryRow[];
    return rows.map(loginHistoryRecordOf);
  }

  async deleteOlderThan(cutoffMs: number, limit: number): Promise<number> {
    return this.deleteOldest.run(cutoffMs, deleteBatchLimit(limit)).changes;
  }
}
