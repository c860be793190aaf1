// Store ports: the contracts every storage adapter (SQLite, PostgreSQL) keeps, checked by one conformance suite.
// Times are epoch milliseconds (numbers) everywhere in the store; the wire converts to seconds where the contract says so.
// Every method is async so that networked adapters fit; adapters never throw for "not found" (they return null).
import type { RateLimitSettings } from '../rate-limit/ports.js';
import type { ProjectTemplates } from '../whatsapp/templates/projectTemplates.js';
import type { ActivityStore } from './activityPorts.js';
import type { AuthzStore } from './authzPorts.js';

/**
 * Per-project settings; defaults live in `projects/defaults.ts`, limits and validation in
 * `projects/projectSettings.ts` (the name in messages is the project's `name`, not a setting).
 */
export interface ProjectSettings {
  /** Session JWT lifetime, seconds. */
  sessionTtlSec: number;
  /** Refresh JWT lifetime, seconds. */
  refreshTtlSec: number;
  /** Pending login lifetime, seconds. */
  pendingTtlSec: number;
  /** Issue a new refresh JWT on every refresh, revoking the family on reuse of a rotated-out one. */
  refreshRotation: boolean;
  /** Where tokens travel in JWTResponse answers: body fields (default) or DS/DSR cookies. */
  tokenDelivery: 'body' | 'cookies';
  /** Domain of the DS/DSR cookies ('' = host-only). */
  cookieDomain: string;
  /** Browser origins allowed to call this project (exact origins, or `http://localhost:*` patterns). */
  allowedOrigins: string[];
  /** Ask "Yes, it's me" / "No" in WhatsApp before a login verifies (anti-phishing). */
  confirmation: boolean;
  /** JWT signing algorithm for new keys. */
  signingAlg: 'RS256' | 'ES256' | 'EdDSA';
  /** Per-project overrides of the server's rate limits (absent rules follow the server defaults). */
  rateLimits?: Partial<RateLimitSettings>;
  /**
   * Accept an email loginId on sign-up/sign-in starts only when they carry the auth management key (a backend's
   * call): the WhatsApp message proves a phone, not an email, so otherwise anyone can claim a new email id first.
   * Absent (projects stored before the setting existed) = false.
   */
  emailLoginIdRequiresManagementKey?: boolean;
  /** The project's own message texts per locale (absent texts use the built-in ones). */
  templates?: ProjectTemplates;
}

export interface ProjectRecord {
  projectId: string;
  /** The name WhatsApp messages use ("Log in to <name>"). */
  name: string;
  /** SHA-256 hex of the management key (never the key itself). */
  managementKeyHash: string;
  settings: ProjectSettings;
  createdAt: number;
}

export interface UserTenantRecord {
  tenantId: string;
  tenantName?: string;
  roleNames: string[];
}

export interface UserRecord {
  projectId: string;
  userId: string;
  /** Unique per project (enforced by the store); phones in E.164. */
  loginIds: string[];
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  /** WhatsApp's wa_id of the verified phone, as received (may differ from E.164 digits: MX 521…, BR 12 digits). */
  waId?: string;
  /** WhatsApp business-scoped user id (BSUID), when seen. */
  waBsuid?: string;
  roleNames: string[];
  userTenants: UserTenantRecord[];
  status: 'enabled' | 'disabled' | 'invited';
  customAttributes: Record<string, unknown>;
  picture?: string;
  test: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Orders of a user search (a whitelist: each maps to an indexed or cheap column). */
export type UserSortField = 'createdTime' | 'modifiedTime' | 'name' | 'email' | 'phone' | 'status' | 'userId';
export const USER_SORT_FIELDS: readonly UserSortField[] = Object.freeze([
  'createdTime',
  'modifiedTime',
  'name',
  'email',
  'phone',
  'status',
  'userId',
]);

/** Filters combine with AND; an absent or empty list is no filter. */
export interface UserSearchQuery {
  /** Match any of these login ids exactly. */
  loginIds?: string[];
  /** Match any of these user ids. */
  userIds?: string[];
  /** Match any of these emails exactly (as stored: lower-cased). */
  emails?: string[];
  /** Match any of these phones exactly (E.164). */
  phones?: string[];
  /** Substring match over name, email, phone and login ids (case-insensitive). */
  text?: string;
  statuses?: UserRecord['status'][];
  tenantIds?: string[];
  /** Project roles, or roles in any tenant. */
  roleNames?: string[];
  /** Per attribute, the values it may have (JSON equality, type included); every attribute must match. */
  customAttributes?: Record<string, unknown[]>;
  /** Epoch ms, inclusive bounds on createdAt / updatedAt. */
  fromCreatedAt?: number;
  toCreatedAt?: number;
  fromUpdatedAt?: number;
  toUpdatedAt?: number;
  /** Include test users (default false). */
  withTestUsers?: boolean;
  /** Only test users (implies withTestUsers). */
  testUsersOnly?: boolean;
  /** Default: createdTime ascending; ties always broken by user id. */
  sort?: { field: UserSortField; desc: boolean };
  /** 0-based page of `limit` rows. */
  page?: number;
  /** Rows to skip instead of `page * limit` (for internal batch work). */
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Thrown by `users.create`/`users.update` when a login id is already taken in the project. */
export class LoginIdTakenError extends Error {
  constructor(readonly loginId: string) {
    super(`login id already taken: ${loginId}`);
    this.name = 'LoginIdTakenError';
  }
}

export interface UserStore {
  /** Inserts a user. Throws LoginIdTakenError if any login id is taken in the project (atomically: nothing is written). */
  create(user: UserRecord): Promise<void>;
  get(projectId: string, userId: string): Promise<UserRecord | null>;
  getByLoginId(projectId: string, loginId: string): Promise<UserRecord | null>;
  /** Users whose verified phone is `phone` (E.164). */
  findByVerifiedPhone(projectId: string, phone: string): Promise<UserRecord[]>;
  /** Replaces the whole record (matched by projectId+userId). Returns false if the user does not exist. Throws LoginIdTakenError. */
  update(user: UserRecord): Promise<boolean>;
  /** Deletes the user and their refresh sessions and login history. Returns false if absent. */
  delete(projectId: string, userId: string): Promise<boolean>;
  search(projectId: string, query: UserSearchQuery): Promise<{ users: UserRecord[]; total: number }>;
}

export type PendingKind = 'signup' | 'signin' | 'signup-in' | 'update';
export type PendingStatus = 'pending' | 'awaiting-confirmation' | 'verified' | 'failed' | 'consumed';

/** What the start request asked for; frozen at start, read at verification and at session issue. */
export interface PendingRequest {
  /** As given (normalised: phones in E.164, emails lower-cased); '' = "the sender's number becomes the login id". */
  loginId: string;
  loginIdKind: 'phone' | 'email' | 'other' | 'empty';
  /** Sign-up user fields. */
  user?: {
    name?: string;
    givenName?: string;
    middleName?: string;
    familyName?: string;
    email?: string;
    phone?: string;
  };
  customClaims?: Record<string, unknown>;
  /**
   * True when the start carried the project's auth management key: its customClaims go at the session JWT's top level.
   * Absent/false (a browser's start, and every row stored before this field existed): they go under `nsec`.
   */
  customClaimsTrusted?: boolean;
  templateId?: string;
  templateOptions?: Record<string, string>;
  tenantId?: string;
  locale?: string;
  stepup?: boolean;
  mfa?: boolean;
  /** update: the new phone the user asked for (E.164), if given. */
  newPhone?: string;
  addToLoginIds?: boolean;
  /** Who started it, for the confirmation message and the audit log. */
  ip?: string;
  userAgent?: string;
}

export interface PendingAuthRecord {
  /** Internal id (not secret). */
  id: string;
  projectId: string;
  /** SHA-256 hex of the pendingRef (the app's bearer secret). Unique. */
  refHash: string;
  /** SHA-256 hex of the normalised message code. Unique. */
  codeHash: string;
  kind: PendingKind;
  request: PendingRequest;
  /** The phone (E.164) that must send the message, when known at start; null = any sender. */
  expectedPhone: string | null;
  /** The user this login is for, when known at start (sign-in with a login id, step-up, MFA, update). */
  userId: string | null;
  /** Step-up/MFA/update: jti of the refresh session that authorised the start; its amr is carried over. */
  parentSessionId: string | null;
  status: PendingStatus;
  /** Set when status is 'failed': the catalogue code of the terminal error. */
  failureCode: string | null;
  /** Filled at verification. */
  senderPhone: string | null;
  senderWaId: string | null;
  senderBsuid: string | null;
  /** The user the session will be issued for (set at verification). */
  resultUserId: string | null;
  firstSeen: boolean;
  /** Confirmation step: nonce put in the buttons' ids (hashed), and the wamid of our buttons message. */
  confirmNonceHash: string | null;
  /** Confirmation step: the provider's id of our buttons message (an answer must reply in its context); null until sent. */
  confirmMessageId?: string | null;
  createdAt: number;
  expiresAt: number;
  verifiedAt: number | null;
  consumedAt: number | null;
}

/** The verification outcome, applied atomically by `PendingAuthStore.verify`. */
export interface Verification {
  pendingId: string;
  /** Dedupe key of the inbound message, `<provider>:<message id>`; recorded in the same transaction. */
  messageKey: string;
  senderPhone: string | null;
  senderWaId: string | null;
  senderBsuid: string | null;
  /** New status: 'verified', 'awaiting-confirmation' or 'failed'. */
  status: 'verified' | 'awaiting-confirmation' | 'failed';
  failureCode?: string;
  resultUserId?: string;
  firstSeen?: boolean;
  confirmNonceHash?: string;
  /** A user to insert in the same transaction (sign-up). LoginIdTakenError → nothing is written, result 'login-id-taken'. */
  createUser?: UserRecord;
  /** A user to replace in the same transaction (update phone, phone verified at sign-in). */
  updateUser?: UserRecord;
  now: number;
}

export type VerifyResult = 'ok' | 'duplicate-message' | 'not-pending' | 'login-id-taken';

export interface PendingAuthStore {
  create(record: PendingAuthRecord): Promise<void>;
  getByRefHash(refHash: string): Promise<PendingAuthRecord | null>;
  getByCodeHash(codeHash: string): Promise<PendingAuthRecord | null>;
  get(id: string): Promise<PendingAuthRecord | null>;
  /**
   * Atomically: record `messageKey` (already seen → 'duplicate-message', nothing else written);
   * check the pending auth is 'pending' (or 'awaiting-confirmation') and not expired at `now` (else 'not-pending');
   * insert/replace the user if given (login id taken → 'login-id-taken', nothing written);
   * set the new status and sender/result fields. Exactly one of many concurrent callers for one pending auth gets 'ok'.
   */
  verify(v: Verification): Promise<VerifyResult>;
  /**
   * Atomically moves a 'verified', unexpired pending auth to 'consumed' and returns it; null if it is not
   * verified, already consumed, or expired. Exactly one of many concurrent callers gets the record.
   */
  consume(refHash: string, now: number): Promise<PendingAuthRecord | null>;
  /**
   * Undoes the `consume` made at `consumedAt` when the session it paid for could not be stored: 'consumed' →
   * 'verified', consumedAt cleared, so the app's next poll can still get its tokens. False when the pending auth is
   * absent or not in exactly that consumed state (nothing changes).
   */
  release(refHash: string, consumedAt: number): Promise<boolean>;
  /**
   * Records the provider's message id of the confirmation buttons message (sent after the 'awaiting-confirmation'
   * verify committed). Only while the pending auth is 'awaiting-confirmation'; false otherwise (or if absent).
   */
  setConfirmMessageId(pendingId: string, messageId: string): Promise<boolean>;
  /** Deletes pending auths that expired before `before`; returns how many. */
  deleteExpired(before: number): Promise<number>;
}

export interface WebhookMessageStore {
  /** Records a processed inbound message key; false if it was already recorded (duplicate delivery). */
  record(messageKey: string, now: number): Promise<boolean>;
  /** Forgets keys recorded before `before` (keep ≥ 7 days: Meta retries for 7 days). */
  deleteOlderThan(before: number): Promise<number>;
}

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

export interface SigningKeyRecord {
  kid: string;
  projectId: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  /** Public JWK (with kid, alg, use: 'sig'). */
  publicJwk: Record<string, unknown>;
  /** Private key (PKCS#8 PEM), encrypted with the master key: base64 of iv|tag|ciphertext. */
  privateKeyEnc: string;
  /** 'active' signs; 'verify-only' stays in the JWKS until retireAfter; 'retired' is gone from the JWKS. */
  status: 'active' | 'verify-only' | 'retired';
  createdAt: number;
  /** For 'verify-only': when the last token it signed expires. */
  retireAfter: number | null;
}

export interface KeyStore {
  create(key: SigningKeyRecord): Promise<void>;
  /** Keys of the project that belong in the JWKS ('active' and 'verify-only'), newest first. */
  listPublished(projectId: string): Promise<SigningKeyRecord[]>;
  getActive(projectId: string): Promise<SigningKeyRecord | null>;
  /** Atomically: the current active key → 'verify-only' with `retireAfter`, `next` inserted as 'active'. */
  rotate(projectId: string, next: SigningKeyRecord, retireAfter: number): Promise<void>;
  /** 'verify-only' keys whose retireAfter passed → 'retired'; returns how many. */
  retireDue(now: number): Promise<number>;
}

export interface ProjectStore {
  create(project: ProjectRecord): Promise<void>;
  get(projectId: string): Promise<ProjectRecord | null>;
  list(): Promise<ProjectRecord[]>;
  /**
   * Replaces the settings; false for an unknown project. With `expected`, only when the stored settings still equal
   * it (compare-and-set: two concurrent partial updates cannot lose one another's change), else false.
   */
  updateSettings(projectId: string, settings: ProjectSettings, expected?: ProjectSettings): Promise<boolean>;
  /** Renames the project (the name in messages); false for an unknown project. */
  setName(projectId: string, name: string): Promise<boolean>;
  setManagementKeyHash(projectId: string, hash: string): Promise<boolean>;
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

/** What the audit log records (never a secret, token or code). */
export type AuditEventType =
  | 'signup'
  | 'signin'
  | 'login-failed'
  | 'refresh'
  | 'refresh-reuse'
  | 'logout'
  | 'logout-all'
  | 'session-revoked'
  | 'key-rotated'
  | 'project-changed'
  | 'management'
  | 'management-auth-failed';

export const AUDIT_EVENT_TYPES: readonly AuditEventType[] = Object.freeze([
  'signup',
  'signin',
  'login-failed',
  'refresh',
  'refresh-reuse',
  'logout',
  'logout-all',
  'session-revoked',
  'key-rotated',
  'project-changed',
  'management',
  'management-auth-failed',
]);

export interface AuditEvent {
  projectId: string;
  type: AuditEventType;
  /** Epoch ms. */
  at: number;
  /** The user concerned, when there is one. */
  userId: string | null;
  /** The client's IP ('' when not from a request, e.g. the CLI). */
  ip: string;
  userAgent: string;
  /** 'login-failed', 'management-auth-failed': the catalogue code of the failure; otherwise null. */
  reason: string | null;
  /** A few safe words on what happened (`POST /v1/mgmt/user/create`, `kid …`); never a secret. */
  detail: string;
}

export interface AuditRecord extends AuditEvent {
  /** Increases with every append on one database: the paging cursor. */
  id: number;
}

export interface AuditQuery {
  userId?: string;
  type?: AuditEventType;
  /** Only events at or after this time (epoch ms). */
  since?: number;
  /** Only events at or before this time (epoch ms). */
  until?: number;
  /** Only events with a larger id (the cursor of the previous oldest-first page). */
  afterId?: number;
  /** Only events with a smaller id (the cursor of the previous newest-first page). */
  beforeId?: number;
  /** 'oldest-first' (by id; the default) or 'newest-first'. */
  order?: 'oldest-first' | 'newest-first';
  /** Page size; default 100, at most 1000 (0 means the default). */
  limit?: number;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  /** The project's matching events in `order` (by id); other projects' events are never returned. */
  query(projectId: string, query: AuditQuery): Promise<AuditRecord[]>;
  /**
   * Retention: deletes at most `limit` events (of every project) whose time `at` is before `cutoffMs`, oldest first;
   * returns how many it deleted (fewer than `limit` means none older are left).
   */
  deleteOlderThan(cutoffMs: number, limit: number): Promise<number>;
}

/** The whole durable state, one adapter instance per process. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly projects: ProjectStore;
  readonly users: UserStore;
  readonly pendingAuths: PendingAuthStore;
  readonly webhookMessages: WebhookMessageStore;
  readonly sessions: SessionStore;
  readonly keys: KeyStore;
  readonly loginHistory: LoginHistoryStore;
  readonly audit: AuditStore;
  /** Roles, permissions and tenants (authzPorts.ts). */
  readonly authz: AuthzStore;
  /** Login activity counters (activityPorts.ts). */
  readonly activity: ActivityStore;
  /** Cheap round trip for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
