// rows: the store's table rows as both SQL adapters read them, and one row → record mapper per table.
// The dialects differ only in how two kinds of column come back: JSON (SQLite: text to parse; PostgreSQL: jsonb,
// parsed by pg) and booleans (SQLite: 0/1; PostgreSQL: true/false). Those columns are `unknown` here, and each
// mapper takes the dialect's ColumnDecoding. Writers (record → SQL parameters) stay with the adapters.
// The audit log's row and mapper live in auditRows.ts (no JSON or boolean columns; already one copy).
// deleteBatchLimit: the retention batch size both adapters clamp the same way.
import type {
  LoginHistoryRecord,
  PendingAuthRecord,
  PendingKind,
  PendingRequest,
  PendingStatus,
  ProjectRecord,
  ProjectSettings,
  RefreshSessionRecord,
  SigningKeyRecord,
  UserRecord,
  UserTenantRecord,
} from './ports.js';

/** How a dialect returns the columns whose JS value depends on the driver. */
export interface ColumnDecoding {
  /** A JSON column as the value it holds. */
  json<T>(value: unknown): T;
  /** A boolean column as a boolean. */
  bool(value: unknown): boolean;
}

/** SQLite: JSON is stored as text, booleans as the integers 0/1. */
export const sqliteColumns: ColumnDecoding = {
  json: <T>(value: unknown): T => JSON.parse(value as string) as T,
  bool: (value) => value === 1,
};

/** PostgreSQL through pg: jsonb arrives parsed, booleans as booleans. */
export const postgresColumns: ColumnDecoding = {
  json: <T>(value: unknown): T => value as T,
  bool: (value) => value === true,
};

/** A `pending_auths` row. */
export interface PendingAuthRow {
  id: string;
  project_id: string;
  ref_hash: string;
  code_hash: string;
  kind: PendingKind;
  /** JSON: PendingRequest. */
  request: unknown;
  expected_phone: string | null;
  user_id: string | null;
  parent_session_id: string | null;
  status: PendingStatus;
  failure_code: string | null;
  sender_phone: string | null;
  sender_wa_id: string | null;
  sender_bsuid: string | null;
  result_user_id: string | null;
  /** Boolean. */
  first_seen: unknown;
  confirm_nonce_hash: string | null;
  confirm_message_id: string | null;
  created_at: number;
  expires_at: number;
  verified_at: number | null;
  consumed_at: number | null;
}

export function pendingAuthRecordOf(r: PendingAuthRow, columns: ColumnDecoding): PendingAuthRecord {
  const record: PendingAuthRecord = {
    id: r.id,
    projectId: r.project_id,
    refHash: r.ref_hash,
    codeHash: r.code_hash,
    kind: r.kind,
    request: columns.json<PendingRequest>(r.request),
    expectedPhone: r.expected_phone,
    userId: r.user_id,
    parentSessionId: r.parent_session_id,
    status: r.status,
    failureCode: r.failure_code,
    senderPhone: r.sender_phone,
    senderWaId: r.sender_wa_id,
    senderBsuid: r.sender_bsuid,
    resultUserId: r.result_user_id,
    firstSeen: columns.bool(r.first_seen),
    confirmNonceHash: r.confirm_nonce_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    verifiedAt: r.verified_at,
    consumedAt: r.consumed_at,
  };
  // Absent until the confirmation buttons were sent (the field is optional in the port).
  if (r.confirm_message_id !== null) record.confirmMessageId = r.confirm_message_id;
  return record;
}

/** A `users` row (its login ids are also in `user_login_ids`). */
export interface UserRow {
  project_id: string;
  user_id: string;
  /** JSON: string[]. */
  login_ids: unknown;
  name: string | null;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  email: string | null;
  phone: string | null;
  /** Boolean. */
  verified_email: unknown;
  /** Boolean. */
  verified_phone: unknown;
  wa_id: string | null;
  wa_bsuid: string | null;
  /** JSON: string[]. */
  role_names: unknown;
  /** JSON: UserTenantRecord[]. */
  user_tenants: unknown;
  status: UserRecord['status'];
  /** JSON: object. */
  custom_attributes: unknown;
  picture: string | null;
  /** Boolean. */
  test: unknown;
  created_at: number;
  updated_at: number;
}

export function userRecordOf(r: UserRow, columns: ColumnDecoding): UserRecord {
  const user: UserRecord = {
    projectId: r.project_id,
    userId: r.user_id,
    loginIds: columns.json<string[]>(r.login_ids),
    verifiedEmail: columns.bool(r.verified_email),
    verifiedPhone: columns.bool(r.verified_phone),
    roleNames: columns.json<string[]>(r.role_names),
    userTenants: columns.json<UserTenantRecord[]>(r.user_tenants),
    status: r.status,
    customAttributes: columns.json<Record<string, unknown>>(r.custom_attributes),
    test: columns.bool(r.test),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  // Absent optional fields stay absent (not null), as the port's type says.
  if (r.name !== null) user.name = r.name;
  if (r.given_name !== null) user.givenName = r.given_name;
  if (r.middle_name !== null) user.middleName = r.middle_name;
  if (r.family_name !== null) user.familyName = r.family_name;
  if (r.email !== null) user.email = r.email;
  if (r.phone !== null) user.phone = r.phone;
  if (r.wa_id !== null) user.waId = r.wa_id;
  if (r.wa_bsuid !== null) user.waBsuid = r.wa_bsuid;
  if (r.picture !== null) user.picture = r.picture;
  return user;
}

/** A `refresh_sessions` row. */
export interface RefreshSessionRow {
  id: string;
  project_id: string;
  user_id: string;
  family_id: string;
  /** JSON: string[]. */
  amr: unknown;
  tenant_id: string | null;
  /** JSON: object. */
  custom_claims: unknown;
  /** Boolean. */
  custom_claims_trusted: unknown;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  rotated_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

export function refreshSessionRecordOf(r: RefreshSessionRow, columns: ColumnDecoding): RefreshSessionRecord {
  const session: RefreshSessionRecord = {
    id: r.id,
    projectId: r.project_id,
    userId: r.user_id,
    familyId: r.family_id,
    amr: columns.json<string[]>(r.amr),
    tenantId: r.tenant_id,
    customClaims: columns.json<Record<string, unknown>>(r.custom_claims),
    customClaimsTrusted: columns.bool(r.custom_claims_trusted),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    rotatedAt: r.rotated_at,
  };
  if (r.ip !== null) session.ip = r.ip;
  if (r.user_agent !== null) session.userAgent = r.user_agent;
  return session;
}

/** A `signing_keys` row. */
export interface SigningKeyRow {
  kid: string;
  project_id: string;
  alg: SigningKeyRecord['alg'];
  /** JSON: the public JWK. */
  public_jwk: unknown;
  private_key_enc: string;
  status: SigningKeyRecord['status'];
  created_at: number;
  retire_after: number | null;
}

export function signingKeyRecordOf(r: SigningKeyRow, columns: ColumnDecoding): SigningKeyRecord {
  return {
    kid: r.kid,
    projectId: r.project_id,
    alg: r.alg,
    publicJwk: columns.json<Record<string, unknown>>(r.public_jwk),
    privateKeyEnc: r.private_key_enc,
    status: r.status,
    createdAt: r.created_at,
    retireAfter: r.retire_after,
  };
}

/** A `projects` row. */
export interface ProjectRow {
  project_id: string;
  name: string;
  management_key_hash: string;
  /** JSON: ProjectSettings. */
  settings: unknown;
  created_at: number;
}

export function projectRecordOf(r: ProjectRow, columns: ColumnDecoding): ProjectRecord {
  return {
    projectId: r.project_id,
    name: r.name,
    managementKeyHash: r.management_key_hash,
    settings: columns.json<ProjectSettings>(r.settings),
    createdAt: r.created_at,
  };
}

/** A `login_history` row; its `id` column (which only orders the reads) is not mapped. */
export interface LoginHistoryRow {
  project_id: string;
  user_id: string;
  login_time: number;
  ip: string;
  city: string;
  country: string;
}

/** No JSON or boolean columns: the same on both dialects, so no ColumnDecoding. */
export function loginHistoryRecordOf(r: LoginHistoryRow): LoginHistoryRecord {
  return {
    projectId: r.project_id,
    userId: r.user_id,
    loginTime: r.login_time,
    ip: r.ip,
    city: r.city,
    country: r.country,
  };
}

/**
 * A retention batch size as both dialects' LIMIT takes it: a whole number ≥ 0 (SQLite reads a negative LIMIT as
 * "no limit", so a bad value must never reach it as one).
 */
export function deleteBatchLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
}
