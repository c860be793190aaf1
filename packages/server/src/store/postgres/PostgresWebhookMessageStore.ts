// Inbound message keys on PostgreSQL: the primary key turns "seen before?" into one insert.
import type pg from 'pg';
import type { WebhookMessageStore } from '../ports.js';

export class PostgresWebhookMessageStore implements WebhookMessageStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(messageKey: string, now: number): Promise<boolean> {
    // A concurrent insert of the same key waits for the first transaction and then does nothing: one true.
    const r = await this.pool.query({
      name: 'webhook_message_record',
      text: 'INSERT INTO webhook_messages (message_key, recorded_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      values: [messageKey, now],
    });
    return r.rowCount === 1;
  }

  async deleteOlderThan(before: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM webhook_messages WHERE recorded_at < $1', [before]);
    return r.rowCount ?? 0;
  }
}
