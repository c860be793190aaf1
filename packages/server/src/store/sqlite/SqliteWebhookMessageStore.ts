// Inbound message keys on SQLite: the primary key turns "seen before?" into one insert.
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';
import type { WebhookMessageStore } from '../ports.js';

export class SqliteWebhookMessageStore implements WebhookMessageStore {
  private readonly insert: SqliteStatement;
  private readonly deleteBefore: SqliteStatement;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO webhook_messages (message_key, recorded_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.deleteBefore = db.prepare('DELETE FROM webhook_messages WHERE recorded_at < ?');
  }

  async record(messageKey: string, now: number): Promise<boolean> {
    return this.insert.run(messageKey, now).changes === 1;
  }

  async deleteOlderThan(before: number): Promise<number> {
    return this.deleteBefore.run(before).changes;
  }
}
