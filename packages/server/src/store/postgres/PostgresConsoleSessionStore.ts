// Console sessions on PostgreSQL: one row per signed-in console, found by the SHA-256 of its cookie token.
import type pg from 'pg';
import type { ConsoleSessionRecord, ConsoleSessionStore } from '../consolePorts.js';
import { type ConsoleSessionRow, consoleSessionRecordOf, consoleSessionValues } from '../consoleRows.js';

export class PostgresConsoleSessionStore implements ConsoleSessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(session: ConsoleSessionRecord): Promise<void> {
    await this.pool.query({
      name: 'console_session_create',
      text: `INSERT INTO console_sessions (id, token_hash, project_id, user_id, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      values: consoleSessionValues(session),
    });
  }

  async findByTokenHash(tokenHash: string): Promise<ConsoleSessionRecord | null> {
    const r = await this.pool.query<ConsoleSessionRow>({
      name: 'console_session_by_hash',
      text: 'SELECT * FROM console_sessions WHERE token_hash = $1',
      values: [tokenHash],
    });
    const row = r.rows[0];
    return row ? consoleSessionRecordOf(row) : null;
  }

  async touch(id: string, lastSeenAt: number): Promise<boolean> {
    const r = await this.pool.query({
      name: 'console_session_touch',
      text: 'UPDATE console_sessions SET last_seen_at = greatest(last_seen_at, $1) WHERE id = $2',
      values: [lastSeenAt, id],
    });
    return (r.rowCount ?? 0) > 0;
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.pool.query({
      name: 'console_session_delete',
      text: 'DELETE FROM console_sessions WHERE id = $1',
      values: [id],
    });
    return (r.rowCount ?? 0) > 0;
  }

  async deleteForUser(projectId: string, userId: string): Promise<number> {
    const r = await this.pool.query({
      name: 'console_session_delete_user',
      text: 'DELETE FROM console_sessions WHERE project_id = $1 AND user_id = $2',
      values: [projectId, userId],
    });
    return r.rowCount ?? 0;
  }

  async deleteExpired(now: number, idleSince: number): Promise<number> {
    const r = await this.pool.query({
      name: 'console_session_delete_expired',
      text: 'DELETE FROM console_sessions WHERE expires_at <= $1 OR last_seen_at < $2',
      values: [now, idleSince],
    });
    return r.rowCount ?? 0;
  }
}
