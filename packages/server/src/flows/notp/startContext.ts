// What the nOTP start steps share: the start input, the context they build up, and the step signature.
import type { AnyStartOptions, User } from '@notp/core';
import type { Deps } from '../../deps.js';
import type {
  PendingKind,
  PendingRequest,
  ProjectRecord,
  RefreshSessionRecord,
  UserRecord,
} from '../../store/ports.js';

/** What a start route hands over, after its JSON schema checked the types. */
export interface StartInput {
  kind: PendingKind;
  loginId: string;
  /** Sign-up user fields. */
  user?: User;
  /** Sign-in options, flattened sign-up options, or update options. */
  options?: AnyStartOptions;
  /** update: the new phone, if the caller names it. */
  phone?: string;
  /** The refresh JWT the request carries (bearer part 2 or cookie); only read by steps that need it. */
  refreshJwt?: string;
  /** The auth management key the request carries (bearer part 3, or a non-JWT part 2), if any; checked at start. */
  authManagementKey?: string;
  ip?: string;
  userAgent?: string;
  /** The start request's Accept-Language header: picks the message language when `options.locale` is absent. */
  acceptLanguage?: string;
}

/** State the steps build up; `startLogin` turns it into a pending auth. */
export interface StartContext {
  deps: Deps;
  project: ProjectRecord;
  input: StartInput;
  loginId: string;
  loginIdKind: PendingRequest['loginIdKind'];
  /** Sign-up fields, normalised (phone E.164, email lower-cased). */
  user: PendingRequest['user'];
  /** update: the new phone in E.164. */
  newPhone: string | undefined;
  /** The user this login is for, when known at start. */
  existingUser: UserRecord | null;
  /** Step-up/MFA/update: the refresh session that authorised the start, and its user. */
  parent: { session: RefreshSessionRecord; user: UserRecord } | null;
  /** Who must send the message; null = any sender. */
  expectedPhone: string | null;
  /** The start proved the project's auth management key: its customClaims are trusted (top level, not `nsec`). */
  trusted: boolean;
}

export type StartStep = (ctx: StartContext) => Promise<void> | void;
