// activityAnswer: the shape of `GET /v1/mgmt/notp/activity`, with no imports, so the console's pages use the same types.

export type ActivityRange = 'hour' | 'day' | 'week';

export interface ActivityBucket {
  at: number;
  started: number;
  received: number;
  completed: number;
  failed: number;
}

export interface ActivityAnswer {
  range: ActivityRange;
  from: number;
  to: number;
  bucketMs: number;
  buckets: ActivityBucket[];
  funnel: { started: number; received: number; completed: number };
  completionMs: { p50: number | null; p95: number | null; count: number };
  failures: { reason: string; count: number }[];
  provider: {
    name: string;
    lastWebhookAt: number | null;
    repliesSent: number;
    repliesFailed: number;
    repliesRetried: number;
  };
}
