// Management API, notp extensions (CONTRACT.md §7): a user's sessions and their revocation, key rotation, the audit log.
// Registered inside managementRoutes (same authorisation, null handling and audit hooks).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { type AuditPageInput, type AuditQueryString, queryAudit } from '../../flows/management/queryAudit.js';
import { rotateSigningKey } from '../../flows/management/rotateSigningKey.js';
import { listUserSessions, revokeUserSession } from '../../flows/management/userSessions.js';
import type { UserRef } from '../../flows/management/findUser.js';
import { AUDIT_EVENT_TYPES } from '../../store/ports.js';
import { auditClientOf, managedProjectId } from '../managementAuth.js';
import { answerObject } from '../responseSchemas.js';
import { MAX_ID, str } from './managementUsers.js';

/** Epoch ms in a query string (no type coercion: query values are strings). */
const epochMs = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
const auditQuery = {
  type: 'object',
  properties: {
    userId: str(MAX_ID),
    type: { type: 'string', enum: [...AUDIT_EVENT_TYPES] },
    since: epochMs,
    until: epochMs,
    cursor: epochMs,
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
} as const;

export function registerNotpRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: UserRef }>(
    routes.mgmt.notpSessions,
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { loginId: str(MAX_ID), userId: str(MAX_ID) },
          anyOf: [{ required: ['loginId'] }, { required: ['userId'] }],
        },
        response: { 200: answerObject({ sessions: { type: 'array', items: answerObject() } }) },
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return { sessions: await listUserSessions(deps, projectId, request.query) };
    },
  );

  app.post<{ Body: { sessionId: string } }>(
    routes.mgmt.notpSessionRevoke,
    {
      schema: {
        body: {
          type: 'object',
          required: ['sessionId'],
          properties: { sessionId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: answerObject({ revoked: { type: 'integer' } }) },
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return revokeUserSession(deps, projectId, request.body.sessionId, auditClientOf(request));
    },
  );

  app.post(
    routes.mgmt.notpKeysRotate,
    {
      schema: { body: { type: 'object' }, response: { 200: answerObject({ kid: { type: 'string' } }) } },
      // Clients send this POST with no body at all: treat that as `{}` so the schema sees an object.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return rotateSigningKey(deps, projectId, auditClientOf(request));
    },
  );

  app.get<{ Querystring: AuditQueryString }>(
    routes.mgmt.notpAudit,
    { schema: { querystring: auditQuery, response: { 200: answerObject() } } },
    async (request) => {
      const projectId = managedProjectId(request);
      const q = request.query;
      const input: AuditPageInput = {};
      if (q.userId !== undefined) input.userId = q.userId;
      if (q.type !== undefined) input.type = q.type;
      if (q.since !== undefined) input.since = Number(q.since);
      if (q.until !== undefined) input.until = Number(q.until);
      if (q.cursor !== undefined) input.cursor = Number(q.cursor);
      if (q.limit !== undefined) input.limit = Number(q.limit);
      return queryAudit(deps, projectId, input);
    },
  );
}
