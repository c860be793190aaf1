// JSON schemas of the management routes the console reads (http/routes/managementConsoleData.ts): keys, activity,
// template preview, login history. Their answers are closed: every member documented and always present.
import { ACTIVITY_RANGES } from '../../flows/activity/readActivity.js';
import { queryLimit } from '../requestSchemas.js';
import { int, listOf, str } from '../responseSchemas.js';

const nullableInt = { type: ['integer', 'null'] } as const;
const range = { type: 'string', enum: [...ACTIVITY_RANGES] } as const;
/** An answer object whose members are all documented and always present. */
const shape = (properties: Record<string, object>) =>
  ({ type: 'object', required: Object.keys(properties), properties, additionalProperties: false }) as const;

const keysAnswer = shape({
  keys: listOf(
    shape({
      kid: str,
      alg: { type: 'string', enum: ['RS256', 'ES256', 'EdDSA'] },
      createdAt: int,
      status: { type: 'string', enum: ['active', 'retiring'] },
      retiresAt: nullableInt,
    }),
  ),
});

const activityAnswer = shape({
  range,
  from: int,
  to: int,
  bucketMs: int,
  buckets: listOf(shape({ at: int, started: int, received: int, completed: int, failed: int })),
  funnel: shape({ started: int, received: int, completed: int }),
  completionMs: shape({ p50: nullableInt, p95: nullableInt, count: int }),
  failures: listOf(shape({ reason: str, count: int })),
  provider: shape({
    name: str,
    lastWebhookAt: nullableInt,
    repliesSent: int,
    repliesFailed: int,
    repliesRetried: int,
  }),
});

const previewAnswer = {
  type: 'object',
  required: ['locale', 'prefilled', 'replies'],
  additionalProperties: false,
  properties: {
    locale: str,
    prefilled: str,
    replies: listOf({
      type: 'object',
      required: ['kind', 'text'],
      additionalProperties: false,
      properties: { kind: str, text: str, buttons: listOf(str) },
    }),
  },
} as const;

/** Route schemas per console data route. */
export const consoleDataSchemas = {
  keys: { response: { 200: keysAnswer } },
  activity: {
    querystring: { type: 'object', properties: { range }, additionalProperties: false },
    response: { 200: activityAnswer },
  },
  templatesPreview: {
    body: {
      type: 'object',
      required: ['locale'],
      properties: {
        locale: { type: 'string', minLength: 1, maxLength: 35, pattern: '^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$' },
        // The settings `templates` object; its texts are checked by the settings schema (400 E908…).
        templates: { type: 'object', maxProperties: 16 },
      },
    },
    response: { 200: previewAnswer },
  },
  loginHistory: {
    querystring: {
      type: 'object',
      required: ['userId'],
      properties: { userId: { type: 'string', minLength: 1, maxLength: 320 }, limit: queryLimit },
    },
    response: {
      200: shape({ logins: listOf(shape({ userId: str, at: int, ip: str, city: str, country: str })) }),
    },
  },
} as const;
