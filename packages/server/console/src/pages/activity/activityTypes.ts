// activityTypes: `GET /v1/mgmt/notp/activity` as the server answers it (docs/deploy.md, "Login activity"), and words for it.

import type { ActivityAnswer, ActivityBucket, ActivityRange } from '../../../../src/flows/activity/activityAnswer.js';

export type { ActivityRange } from '../../../../src/flows/activity/activityAnswer.js';
/** One bucket and the whole answer: the server's own types (packages/server/src/flows/activity/activityAnswer.ts). */
export type Bucket = ActivityBucket;
export type Activity = ActivityAnswer;

export const RANGES: readonly [ActivityRange, string][] = [
  ['hour', 'Last hour'],
  ['day', 'Last day'],
  ['week', 'Last week'],
];

/** The chart's series: key, label, colour (distinct in light and dark themes, and not told apart by colour alone). */
export const SERIES = [
  ['started', 'Started', '#1f77b4'],
  ['received', 'Message received', '#e69f00'],
  ['completed', 'Completed', '#009e73'],
  ['failed', 'Failed', '#d55e00'],
] as const;

/** The failure reasons of docs/deploy.md, in words. */
const REASONS: Record<string, string> = {
  expired: 'Expired',
  'wrong-sender': 'Wrong sender',
  declined: 'Declined',
  'phone-withheld': 'Phone withheld',
  'user-not-found': 'User not found',
  'user-exists': 'User exists',
  'phone-in-use': 'Phone in use',
  'user-disabled': 'User disabled',
  other: 'Other',
};
export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;

const number = new Intl.NumberFormat();
export const count = (value: number) => number.format(value);

/** A duration in words: "850 ms", "12 s", "3 min". */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
/** "2 minutes ago", "yesterday"… */
export function ago(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

/** The share `part` is of `whole`, as "67%" ("—" when whole is 0). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}
