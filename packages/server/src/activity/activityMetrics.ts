// The activity metric names (stable strings, stored in activity_counts) and the failure reasons they carry.
import { type ErrorDef, errors } from '@notp/core';

/** A login started (a pending login was stored). */
export const STARTED = 'started';
/** The user's WhatsApp message reached a live login (the first message of that login). */
export const RECEIVED = 'received';
/** The login verified: the user proved the phone (after "Yes" when confirmation is on). */
export const COMPLETED = 'completed';
/** Prefix of the failure metrics: `failed:<reason>`. */
export const FAILED_PREFIX = 'failed:';
/** Prefix of the completion-time histogram: `completion-le:<upper bound ms>`. */
export const COMPLETION_PREFIX = 'completion-le:';
/** Server-wide (project ''): a signature-checked WhatsApp webhook delivery arrived. */
export const WEBHOOK = 'webhook';
/** Server-wide: a reply was sent, given up on, or will be retried (one per retry). */
export const REPLY_SENT = 'reply-sent';
export const REPLY_FAILED = 'reply-failed';
export const REPLY_RETRIED = 'reply-retried';

/**
 * Why a login failed, as the console shows it: the catalogue code of the failure → one stable reason string.
 * `expired` is counted by the janitor (logins that expired unfinished), the others where the message failed them.
 */
export const FAILURE_REASONS: readonly (readonly [ErrorDef, string])[] = Object.freeze([
  [errors.pendingExpired, 'expired'],
  [errors.senderMismatch, 'wrong-sender'],
  [errors.loginDeclined, 'declined'],
  [errors.phoneWithheld, 'phone-withheld'],
  [errors.userNotFound, 'user-not-found'],
  [errors.userAlreadyExists, 'user-exists'],
  [errors.phoneInUse, 'phone-in-use'],
  [errors.userDisabled, 'user-disabled'],
]);
/** The reason of a failure code not listed above (a new failure the table has not learnt yet). */
export const OTHER_REASON = 'other';

const reasonByCode = new Map(FAILURE_REASONS.map(([def, reason]) => [def.code, reason]));

/** `failed:<reason>` for a catalogue code. */
export const failedMetric = (code: string): string => `${FAILED_PREFIX}${reasonByCode.get(code) ?? OTHER_REASON}`;

/** The expired-login metric the janitor adds. */
export const EXPIRED_METRIC = failedMetric(errors.pendingExpired.code);

/**
 * Upper bounds (ms) of the completion-time histogram, from start to verification. The last bound is the longest
 * pending lifetime a project may set (24 h), so every completion falls in a bucket; percentiles are read as the upper
 * bound of the bucket holding them.
 */
export const COMPLETION_BOUNDS_MS: readonly number[] = Object.freeze([
  1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 300_000,
  600_000, 1_800_000, 86_400_000,
]);

/** The histogram metric a completion of `ms` counts in. */
export function completionMetric(ms: number): string {
  const bound = COMPLETION_BOUNDS_MS.find((b) => ms <= b) ?? (COMPLETION_BOUNDS_MS.at(-1) as number);
  return `${COMPLETION_PREFIX}${bound}`;
}
