// Pending logins on PostgreSQL: the hot path of every login; verify without a user or with a new user is ONE statement.
import type pg from 'pg';
import {
  LoginIdTakenError,
  type PendingAuthRecord,
  type PendingAuthStore,
  type Verification,
  type VerifyResult,
} from '../ports.js';
import { type PendingAuthRow, pendingAuthRecordOf, postgresColumns } from '../rows.js';
import { inTransaction } from './inTransaction.js';
import { replaceUserIn, USER_COLUMN_TYPES, USER_COLUMNS, userValues } from './PostgresUserStore.js';

const INSERT = `INSERT INTO pending_auths (
    id, project_id, ref_hash, code_hash, kind, request, expected_phone, user_id, parent_session_id, status,
    failure_code, sender_phone, sender_wa_id, sender_bsuid, result_user_id, first_seen, confirm_nonce_hash,
    confirm_message_id, created_at, expires_at, verified_at, consumed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

// The status/expiry check and the write are one conditional UPDATE: no read-then-write window, and a concurrent
// verifier of the same row waits on its lock and then re-checks the WHERE against the committed row.
// Optional fields keep their earlier value when not given (a confirmation step sets them before 'verified').
// $1 id, $2 status, $3 failure code, $4 phone, $5 wa_id, $6 bsuid, $7 result user, $8 first seen, $9 nonce, $10 now.
const APPLY_VERIFICATION = `UPDATE pending_auths SET
    status = $2,
    failure_code = $3,
    sender_phone = coalesce($4, sender_phone),
    sender_wa_id = coalesce($5, sender_wa_id),
    sender_bsuid = coalesce($6, sender_bsuid),
    result_user_id = coalesce($7, result_user_id),
    first_seen = coalesce($8, first_seen),
    confirm_nonce_hash = coalesce($9, confirm_nonce_hash),
    verified_at = CASE WHEN $2 = 'verified' THEN $10::bigint ELSE verified_at END
  WHERE id = $1 AND status IN ('pending', 'awaiting-confirmation') AND expires_at > $10`;

// Without a user to write, record-the-key and the conditional update fit in one statement (one round trip, one
// implicit transaction): the UPDATE runs only if this statement's INSERT recorded the key.
// $11 message key.
const VERIFY_ONE_STATEMENT = `WITH recorded AS (
    INSERT INTO webhook_messages (message_key, recorded_at) VALUES ($11, $10) ON CONFLICT DO NOTHING RETURNING 1
  ), applied AS (
    ${APPLY_VERIFICATION.replace('WHERE id = $1', 'WHERE EXISTS (SELECT 1 FROM recorded) AND id = $1')}
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM recorded) AS recorded, (SELECT count(*) FROM applied) AS applied`;

// A sign-up (the user is new) in one statement too: the user and its login ids are inserted only if the UPDATE
// applied. A login id taken by someone else is a unique violation of user_login_ids' primary key, which aborts the
// whole statement (no message key, no status change, no user), exactly as the transaction's rollback did; a
// concurrent inserter of the same id waits on the index entry and then fails the same way. The foreign key from the
// login ids to the user is checked at the end of the statement, when the user row exists.
// $12–$32 the user (USER_COLUMNS), $33 its login ids (text[], sorted: overlapping inserters lock in the same order).
const USER_PARAMS = USER_COLUMN_TYPES.map((type, i) => `$${12 + i}::${type}`).join(', ');
const VERIFY_WITH_NEW_USER = `WITH recorded AS (
    INSERT INTO webhook_messages (message_key, recorded_at) VALUES ($11, $10) ON CONFLICT DO NOTHING RETURNING 1
  ), applied AS (
    ${APPLY_VERIFICATION.replace('WHERE id = $1', 'WHERE EXISTS (SELECT 1 FROM recorded) AND id = $1')}
    RETURNING 1
  ), new_user AS (
    INSERT INTO users (${USER_COLUMNS})
    SELECT ${USER_PARAMS} WHERE EXISTS (SELECT 1 FROM applied)
    RETURNING 1
  ), new_login_ids AS (
    INSERT INTO user_login_ids (project_id, login_id, user_id)
    SELECT $12::text, login_id, $13::text FROM unnest($33::text[]) AS login_id
    WHERE EXISTS (SELECT 1 FROM new_user) ORDER BY login_id
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM recorded) AS recorded, (SELECT count(*) FROM applied) AS applied`;

/** SQLSTATE unique_violation, and the constraint that keeps a login id to one user per project. */
const UNIQUE_VIOLATION = '23505';
const LOGIN_ID_KEY = 'user_login_ids_pkey';

const RECORD_MESSAGE_KEY =
  'INSERT INTO webhook_messages (message_key, recorded_at) VALUES ($1, $2) ON CONFLICT DO NOTHING';

function verificationValues(v: Verification): unknown[] {
  return [
    v.pendingId,
    v.status,
    v.status === 'failed' ? (v.failureCode ?? null) : null,
    v.senderPhone,
    v.senderWaId,
    v.senderBsuid,
    v.resultUserId ?? null,
    v.firstSeen ?? null,
    v.confirmNonceHash ?? null,
    v.now,
  ];
}

export class PostgresPendingAuthStore implements PendingAuthStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(p: PendingAuthRecord): Promise<void> {
    await this.pool.query({
      name: 'pending_insert',
      text: INSERT,
      values: [
        p.id,
        p.projectId,
        p.refHash,
        p.codeHash,
        p.kind,
        JSON.stringify(p.request),
        p.expectedPhone,
        p.userId,
        p.parentSessionId,
        p.status,
        p.failureCode,
        p.senderPhone,
        p.senderWaId,
        p.senderBsuid,
        p.resultUserId,
        p.firstSeen,
        p.confirmNonceHash,
        p.confirmMessageId ?? null,
        p.createdAt,
        p.expiresAt,
        p.verifiedAt,
        p.consumedAt,
      ],
    });
  }

  private async selectOne(name: string, column: 'id' | 'ref_hash' | 'code_hash', value: string) {
    const r = await this.pool.query<PendingAuthRow>({
      name,
      text: `SELECT * FROM pending_auths WHERE ${column} = $1`,
      values: [value],
    });
    return r.rows[0] ? pendingAuthRecordOf(r.rows[0], postgresColumns) : null;
  }

  getByRefHash(refHash: string): Promise<PendingAuthRecord | null> {
    return this.selectOne('pending_by_ref', 'ref_hash', refHash);
  }

  getByCodeHash(codeHash: string): Promise<PendingAuthRecord | null> {
    return this.selectOne('pending_by_code', 'code_hash', codeHash);
  }

  get(id: string): Promise<PendingAuthRecord | null> {
    return this.selectOne('pending_by_id', 'id', id);
  }

  async verify(v: Verification): Promise<VerifyResult> {
    if (!v.updateUser) return this.verifyInOneStatement(v);
    try {
      return await inTransaction(this.pool, async (client): Promise<VerifyResult> => {
        const recorded = await client.query({
          name: 'pending_record_message_key',
          text: RECORD_MESSAGE_KEY,
          values: [v.messageKey, v.now],
        });
        if (recorded.rowCount === 0) return 'duplicate-message';
        const applied = await client.query({
          name: 'pending_apply_verification',
          text: APPLY_VERIFICATION,
          values: verificationValues(v),
        });
        if (applied.rowCount === 0) return 'not-pending';
        if (v.updateUser && !(await replaceUserIn(client, v.updateUser))) {
          throw new Error(`verify: user to update does not exist: ${v.updateUser.userId}`);
        }
        return 'ok';
      });
    } catch (err) {
      // The transaction has rolled back: no message key, no status change, no user.
      if (err instanceof LoginIdTakenError) return 'login-id-taken';
      throw err;
    }
  }

  /** Without a user, or with a new one: one round trip, one implicit transaction. */
  private async verifyInOneStatement(v: Verification): Promise<VerifyResult> {
    const values = [...verificationValues(v), v.messageKey];
    const user = v.createUser;
    if (user) values.push(...userValues(user), [...new Set(user.loginIds)].sort());
    let r: pg.QueryResult<{ recorded: string; applied: string }>;
    try {
      r = await this.pool.query({
        name: user ? 'pending_verify_new_user' : 'pending_verify',
        text: user ? VERIFY_WITH_NEW_USER : VERIFY_ONE_STATEMENT,
        values,
      });
    } catch (err) {
      const { code, constraint } = err as { code?: unknown; constraint?: unknown };
      if (user && code === UNIQUE_VIOLATION && constraint === LOGIN_ID_KEY) return 'login-id-taken';
      throw err;
    }
    const row = r.rows[0];
    if (!row || Number(row.recorded) === 0) return 'duplicate-message';
    // The message key stays recorded: a redelivery of a message that found no live login is a duplicate too.
    return Number(row.applied) === 0 ? 'not-pending' : 'ok';
  }

  async setConfirmMessageId(pendingId: string, messageId: string): Promise<boolean> {
    const r = await this.pool.query(
      "UPDATE pending_auths SET confirm_message_id = $1 WHERE id = $2 AND status = 'awaiting-confirmation'",
      [messageId, pendingId],
    );
    return r.rowCount === 1;
  }

  async consume(refHash: string, now: number): Promise<PendingAuthRecord | null> {
    const r = await this.pool.query<PendingAuthRow>({
      name: 'pending_consume',
      text: `UPDATE pending_auths SET status = 'consumed', consumed_at = $2
        WHERE ref_hash = $1 AND status = 'verified' AND expires_at > $2
        RETURNING *`,
      values: [refHash, now],
    });
    return r.rows[0] ? pendingAuthRecordOf(r.rows[0], postgresColumns) : null;
  }

  async release(refHash: string, consumedAt: number): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE pending_auths SET status = 'verified', consumed_at = NULL
        WHERE ref_hash = $1 AND status = 'consumed' AND consumed_at = $2`,
      [refHash, consumedAt],
    );
    return r.rowCount === 1;
  }

  async deleteExpired(before: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM pending_auths WHERE expires_at < $1', [before]);
    return r.rowCount ?? 0;
  }
}
