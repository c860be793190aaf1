// Signing keys on SQLite: at most one active key per project (a partial unique index), rotation in one transaction.
import type { SqliteDatabase, SqliteStatement } from './sqliteDatabase.js';
import type { KeyStore, SigningKeyRecord } from '../ports.js';
import { type SigningKeyRow, signingKeyRecordOf, sqliteColumns } from '../rows.js';

export class SqliteKeyStore implements KeyStore {
  private readonly insert: SqliteStatement;
  private readonly selectPublished: SqliteStatement;
  private readonly selectActive: SqliteStatement;
  private readonly demoteActive: SqliteStatement;
  private readonly retire: SqliteStatement;
  private readonly rotateTx: (projectId: string, next: SigningKeyRecord, retireAfter: number) => void;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(`INSERT INTO signing_keys
        (kid, project_id, alg, public_jwk, private_key_enc, status, created_at, retire_after)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // The active key first among equal times: it is the one signing now.
    this.selectPublished = db.prepare(`SELECT * FROM signing_keys
      WHERE project_id = ? AND status IN ('active', 'verify-only')
      ORDER BY created_at DESC, status = 'active' DESC, kid`);
    this.selectActive = db.prepare("SELECT * FROM signing_keys WHERE project_id = ? AND status = 'active'");
    this.demoteActive = db.prepare(
      "UPDATE signing_keys SET status = 'verify-only', retire_after = ? WHERE project_id = ? AND status = 'active'",
    );
    this.retire = db.prepare(
      "UPDATE signing_keys SET status = 'retired' WHERE status = 'verify-only' AND retire_after <= ?",
    );

    this.rotateTx = db.immediateTransaction((projectId: string, next: SigningKeyRecord, retireAfter: number) => {
      this.demoteActive.run(retireAfter, projectId);
      this.insertKey({ ...next, projectId, status: 'active', retireAfter: null });
    });
  }

  private insertKey(k: SigningKeyRecord): void {
    this.insert.run(
      k.kid,
      k.projectId,
      k.alg,
      JSON.stringify(k.publicJwk),
      k.privateKeyEnc,
      k.status,
      k.createdAt,
      k.retireAfter,
    );
  }

  async create(key: SigningKeyRecord): Promise<void> {
    this.insertKey(key);
  }

  async listPublished(projectId: string): Promise<SigningKeyRecord[]> {
    return (this.selectPublished.all(projectId) as SigningKeyRow[]).map((r) => signingKeyRecordOf(r, sqliteColumns));
  }

  async getActive(projectId: string): Promise<SigningKeyRecord | null> {
    const row = this.selectActive.get(projectId) as SigningKeyRow | undefined;
    return row ? signingKeyRecordOf(row, sqliteColumns) : null;
  }

  async rotate(projectId: string, next: SigningKeyRecord, retireAfter: number): Promise<void> {
    this.rotateTx(projectId, next, retireAfter);
  }

  async retireDue(now: number): Promise<number> {
    return this.retire.run(now).changes;
  }
}
