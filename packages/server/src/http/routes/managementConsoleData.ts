// Management routes the console reads (keys, activity, template preview, login history), behind the management auth.
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { ACTIVITY_RANGES, type ActivityRange, readActivity } from '../../flows/activity/readActivity.js';
import { listLoginHistory } from '../../flows/management/listLoginHistory.js';
import { listSigningKeys } from '../../flows/management/listSigningKeys.js';
import { previewTemplates } from '../../flows/management/previewTemplates.js';
import { requireManagement } from '../managementAuth.js';

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
/** An answer object whose members are all documented and always present. */
const shape = (properties: Record<string, object>) =>
  ({ type: 'object', required: Object.keys(properties), properties, additionalProperties: false }) as const;

const keysAnswer = shape({
  keys: {
    type: 'array',
    items: shape({
      kid: str,
      alg: { type: 'string', enum: ['RS256', 'ES256', 'EdDSA'] },
      createdAt: int,
      status: { type: 'string', enum: ['active', 'retiring'] },
      retiresAt: nullableInt,
    }),
  },
});

const activityAnswer = shape({
  range: { type: 'string', enum: [...ACTIVITY_RANGES] },
  from: int,
  to: int,
  bucketMs: int,
  buckets: {
    type: 'array',
    items: shape({ at: int, started: int, received: int, completed: int, failed: int }),
  },
  funnel: shape({ started: int, received: int, completed: int }),
  completionMs: shape({ p50: nullableInt, p95: nullableInt, count: int }),
  failures: { type: 'array', items: shape({ reason: str, count: int }) },
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
    replies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'text'],
        additionalProperties: false,
        properties: { kind: str, text: str, buttons: { type: 'array', items: str } },
      },
    },
  },
} as const;

const loginHistoryAnswer = shape({
  logins: { type: 'array', items: shape({ userId: str, at: int, ip: str, city: str, country: str }) },
});

export async function managementConsoleDataRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(routes.mgmt.notpKeys, { schema: { response: { 200: keysAnswer } } }, async (request) => {
    const { projectId } = await requireManagement(deps, request);
    return listSigningKeys(deps, projectId);
  });

  app.get<{ Querystring: { range?: ActivityRange } }>(
    routes.mgmt.notpActivity,
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { range: { type: 'string', enum: [...ACTIVITY_RANGES] } },
          additionalProperties: false,
        },
        response: { 200: activityAnswer },
      },
    },
    async (request) => {
      const { projectId } = await requireManagement(deps, request);
      return readActivity(deps, projectId, request.query.range ?? 'hour');
    },
  );

  app.post<{ Body: { locale: string; templates?: unknown } }>(
    routes.mgmt.notpTemplatesPreview,
    {
      schema: {
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
    },
    async (request) => {
      const project = await requireManagement(deps, request);
      return previewTemplates(deps, project, request.body);
    },
  );

  app.get<{ Querystring: { userId: string; limit?: string } }>(
    routes.mgmt.notpLoginHistory,
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['userId'],
          properties: {
            userId: { type: 'string', minLength: 1, maxLength: 320 },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { 200: loginHistoryAnswer },
      },
    },
    async (request) => {
      const { projectId } = await requireManagement(deps, request);
      const limit = request.query.limit === undefined ? undefined : Number(request.query.limit);
      return listLoginHistory(deps, projectId, request.query.userId, limit);
    },
  );
}
