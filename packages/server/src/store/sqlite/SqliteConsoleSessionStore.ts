// Console sessions on SQLite: one row per signed-in console, found by the SHA-256 of its cookie token.
import type { ConsoleSessionRecord, ConsoleSessionStore } from '../consolePorts.js';
import { type ConsoleSessionRow, consoleSessionRecordOf, consoleSessionValues } from '../consoleRows.js';
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';

export class SqliteConsoleSessionStore implements ConsoleSessionStore {
  private readonly insert: SqliteStatement;
  private readonly selectByHash: SqliteStatement;
  private readonly touchOne: SqliteStatement;
  private readonly deleteOne: SqliteStatement;
  private readonly deleteUser: SqliteStatement;
  private readonly deleteDead: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO console_sessions (id, token_hash, project_id, user_id, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectByHash = db.prepare('SELECT * FROM console_sessions WHERE token_hash = ?');
    this.touchOne = db.prepare('UPDATE console_sessions SET last_seen_at = max(last_seen_at, ?) WHERE id = ?');
    this.deleteOne = db.prepare('DELETE FROM console_sessions WHERE id = ?');
    this.deleteUser = db.prepare('DELETE FROM console_sessions WHERE project_id = ? AND user_id = ?');
    this.deleteDead = db.prepare('DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at < ?');
  }

  async create(session: ConsoleSessionRecord): Promise<void> {
    this.insert.run(...consoleSessionValues(session));
  }

  async findByTokenHash(tokenHash: string): Promise<ConsoleSessionRecord | null> {
    const row = this.selectByHash.get(tokenHash) as ConsoleSessionRow | undefined;
    return row ? consoleSessionRecordOf(row) : null;
  }

  async touch(id: string, lastSeenAt: number): Promise<boolean> {
    return this.touchOne.run(lastSeenAt, id).changes > 0;
  }

  async delete(id: string): Promise<boolean> {
    return this.deleteOne.run(id).changes > 0;
  }

  async deleteForUser(projectId: string, userId: string): Promise<number> {
    return this.deleteUser.run(projectId, userId).changes;
  }

  async deleteExpired(now: number, idleSince: number): Promise<number> {
    return this.deleteDead.run(now, idleSince).changes;
  }
}
