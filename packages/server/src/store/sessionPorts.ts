// Store ports for sessions: refresh sessions (rotation, revocation) and the login history.
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.

export interface RefreshSessionRecord {
  /** The refresh JWT's `jti`. */
  id: string;
  projectId: string;
  userId: string;
  /** All rotations of one login share a family; reuse of a rotated-out token revokes the family. */
  familyId: string;
  amr: string[];
  /** Current tenant (`dct`), if selected. */
  tenantId: string | null;
  /** Custom claims to carry into refreshed session JWTs. */
  customClaims: Record<string, unknown>;
  /**
   * Whether `customClaims` came from a call that proved the auth management key (top-level claims) or not (under
   * `nsec`). Rows stored before this column existed read as false: the safe default.
   */
  customClaimsTrusted: boolean;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Set when rotation replaced this token by another. */
  rotatedAt: number | null;
  ip?: string;
  userAgent?: string;
}

export interface SessionStore {
  create(session: RefreshSessionRecord): Promise<void>;
  get(id: string): Promise<RefreshSessionRecord | null>;
  /** Marks one session revoked (idempotent). Returns false if absent. */
  revoke(id: string, now: number): Promise<boolean>;
  /** Revokes every live session of the user; returns how many. */
  revokeAllForUser(projectId: string, userId: string, now: number): Promise<number>;
  /** Revokes every session of a family; returns how many. */
  revokeFamily(familyId: string, now: number): Promise<number>;
  /**
   * Atomically marks `oldId` rotated (only if it is live: not revoked, not rotated, not expired) and inserts `next`.
   * Returns false (and writes nothing) if `oldId` was not live — the caller treats that as reuse.
   */
  rotate(oldId: string, next: RefreshSessionRecord, now: number): Promise<boolean>;
  listForUser(projectId: string, userId: string): Promise<RefreshSessionRecord[]>;
  deleteExpired(before: number): Promise<number>;
}

export interface LoginHistoryRecord {
  projectId: string;
  userId: string;
  loginTime: number;
  ip: string;
  city: string;
  country: string;
}

export interface LoginHistoryStore {
  add(entry: LoginHistoryRecord): Promise<void>;
  /** Newest first, at most `limit` (default 50). */
  list(projectId: string, userId: string, limit?: number): Promise<LoginHistoryRecord[]>;
  /**
   * Retention: deletes at most `limit` rows (of every project) whose loginTime is before `cutoffMs`, oldest first;
   * returns how many it deleted (fewer than `limit` means none older are left).
   */
  deleteOlderThan(cutoffMs: number, limit: number): Promise<number>;
}
