// Pending logins on SQLite: the hot path of every login (insert, lookups by hash, verify, consume), one statement each.
import type { SqliteDatabase, SqliteRowParams, SqliteStatement } from './sqliteDatabase.js';
import {
  LoginIdTakenError,
  type PendingAuthRecord,
  type PendingAuthStore,
  type Verification,
  type VerifyResult,
} from '../ports.js';
import { type PendingAuthRow, pendingAuthRecordOf, sqliteColumns } from '../rows.js';
import type { SqliteUserStore } from './SqliteUserStore.js';

function toPendingAuthRow(p: PendingAuthRecord): SqliteRowParams<PendingAuthRow> {
  return {
    id: p.id,
    project_id: p.projectId,
    ref_hash: p.refHash,
    code_hash: p.codeHash,
    kind: p.kind,
    request: JSON.stringify(p.request),
    expected_phone: p.expectedPhone,
    user_id: p.userId,
    parent_session_id: p.parentSessionId,
    status: p.status,
    failure_code: p.failureCode,
    sender_phone: p.senderPhone,
    sender_wa_id: p.senderWaId,
    sender_bsuid: p.senderBsuid,
    result_user_id: p.resultUserId,
    first_seen: p.firstSeen ? 1 : 0,
    confirm_nonce_hash: p.confirmNonceHash,
    confirm_message_id: p.confirmMessageId ?? null,
    created_at: p.createdAt,
    expires_at: p.expiresAt,
    verified_at: p.verifiedAt,
    consumed_at: p.consumedAt,
  };
}

export class SqlitePendingAuthStore implements PendingAuthStore {
  private readonly insert: SqliteStatement;
  private readonly selectByRefHash: SqliteStatement;
  private readonly selectByCodeHash: SqliteStatement;
  private readonly selectById: SqliteStatement;
  private readonly recordMessageKey: SqliteStatement;
  private readonly applyVerification: SqliteStatement;
  private readonly consumeVerified: SqliteStatement;
  private readonly releaseConsumed: SqliteStatement;
  private readonly recordConfirmMessageId: SqliteStatement;
  private readonly deleteExpiredBefore: SqliteStatement;
  private readonly verifyTx: (v: Verification) => VerifyResult;

  constructor(db: SqliteDatabase, users: SqliteUserStore) {
    this.insert = db.prepare(`INSERT INTO pending_auths (
        id, project_id, ref_hash, code_hash, kind, request, expected_phone, user_id, parent_session_id, status,
        failure_code, sender_phone, sender_wa_id, sender_bsuid, result_user_id, first_seen, confirm_nonce_hash,
        confirm_message_id, created_at, expires_at, verified_at, consumed_at)
      VALUES (
        @id, @project_id, @ref_hash, @code_hash, @kind, @request, @expected_phone, @user_id, @parent_session_id, @status,
        @failure_code, @sender_phone, @sender_wa_id, @sender_bsuid, @result_user_id, @first_seen, @confirm_nonce_hash,
        @confirm_message_id, @created_at, @expires_at, @verified_at, @consumed_at)`);
    this.selectByRefHash = db.prepare('SELECT * FROM pending_auths WHERE ref_hash = ?');
    this.selectByCodeHash = db.prepare('SELECT * FROM pending_auths WHERE code_hash = ?');
    this.selectById = db.prepare('SELECT * FROM pending_auths WHERE id = ?');
    this.recordMessageKey = db.prepare(
      'INSERT INTO webhook_messages (message_key, recorded_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    // The status/expiry check and the write are one conditional UPDATE: no read-then-write window.
    // Optional fields keep their earlier value when not given (a confirmation step sets them before 'verified').
    this.applyVerification = db.prepare(`UPDATE pending_auths SET
        status = @status,
        failure_code = @failure_code,
        sender_phone = coalesce(@sender_phone, sender_phone),
        sender_wa_id = coalesce(@sender_wa_id, sender_wa_id),
        sender_bsuid = coalesce(@sender_bsuid, sender_bsuid),
        result_user_id = coalesce(@result_user_id, result_user_id),
        first_seen = coalesce(@first_seen, first_seen),
        confirm_nonce_hash = coalesce(@confirm_nonce_hash, confirm_nonce_hash),
        verified_at = CASE WHEN @status = 'verified' THEN @now ELSE verified_at END
      WHERE id = @id AND status IN ('pending', 'awaiting-confirmation') AND expires_at > @now`);
    this.consumeVerified = db.prepare(`UPDATE pending_auths SET status = 'consumed', consumed_at = @now
      WHERE ref_hash = @refHash AND status = 'verified' AND expires_at > @now
      RETURNING *`);
    this.releaseConsumed = db.prepare(`UPDATE pending_auths SET status = 'verified', consumed_at = NULL
      WHERE ref_hash = ? AND status = 'consumed' AND consumed_at = ?`);
    this.recordConfirmMessageId = db.prepare(
      "UPDATE pending_auths SET confirm_message_id = ? WHERE id = ? AND status = 'awaiting-confirmation'",
    );
    this.deleteExpiredBefore = db.prepare('DELETE FROM pending_auths WHERE expires_at < ?');

    this.verifyTx = db.immediateTransaction((v: Verification): VerifyResult => {
      if (this.recordMessageKey.run(v.messageKey, v.now).changes === 0) return 'duplicate-message';
      const updated = this.applyVerification.run({
        id: v.pendingId,
        status: v.status,
        failure_code: v.status === 'failed' ? (v.failureCode ?? null) : null,
        sender_phone: v.senderPhone,
        sender_wa_id: v.senderWaId,
        sender_bsuid: v.senderBsuid,
        result_user_id: v.resultUserId ?? null,
        first_seen: v.firstSeen === undefined ? null : v.firstSeen ? 1 : 0,
        confirm_nonce_hash: v.confirmNonceHash ?? null,
        now: v.now,
      });
      // The message key stays recorded: a redelivery of a message that found no live login is a duplicate too.
      if (updated.changes === 0) return 'not-pending';
      if (v.createUser) users.createSync(v.createUser);
      if (v.updateUser && !users.updateSync(v.updateUser)) {
        throw new Error(`verify: user to update does not exist: ${v.updateUser.userId}`);
      }
      return 'ok';
    });
  }

  async create(record: PendingAuthRecord): Promise<void> {
    this.insert.run(toPendingAuthRow(record));
  }

  async getByRefHash(refHash: string): Promise<PendingAuthRecord | null> {
    const row = this.selectByRefHash.get(refHash) as PendingAuthRow | undefined;
    return row ? pendingAuthRecordOf(row, sqliteColumns) : null;
  }

  async getByCodeHash(codeHash: string): Promise<PendingAuthRecord | null> {
    const row = this.selectByCodeHash.get(codeHash) as PendingAuthRow | undefined;
    return row ? pendingAuthRecordOf(row, sqliteColumns) : null;
  }

  async get(id: string): Promise<PendingAuthRecord | null> {
    const row = this.selectById.get(id) as PendingAuthRow | undefined;
    return row ? pendingAuthRecordOf(row, sqliteColumns) : null;
  }

  async verify(v: Verification): Promise<VerifyResult> {
    try {
      return this.verifyTx(v);
    } catch (err) {
      // The transaction has rolled back: no message key, no status change, no user.
      if (err instanceof LoginIdTakenError) return 'login-id-taken';
      throw err;
    }
  }

  async consume(refHash: string, now: number): Promise<PendingAuthRecord | null> {
    const row = this.consumeVerified.get({ refHash, now }) as PendingAuthRow | undefined;
    return row ? pendingAuthRecordOf(row, sqliteColumns) : null;
  }

  async release(refHash: string, consumedAt: number): Promise<boolean> {
    return this.releaseConsumed.run(refHash, consumedAt).changes === 1;
  }

  async setConfirmMessageId(pendingId: string, messageId: string): Promise<boolean> {
    return this.recordConfirmMessageId.run(messageId, pendingId).changes === 1;
  }

  async deleteExpired(before: number): Promise<number> {
    return this.deleteExpiredBefore.run(before).changes;
  }
}
