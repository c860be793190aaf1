// Store ports for logins in progress: pending auths (start → verify → consume) and processed webhook messages.
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.
import type { UserRecord } from './userPorts.js';

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
