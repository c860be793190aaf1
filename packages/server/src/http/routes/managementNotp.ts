// Management API, notp extensions (CONTRACT.md §7): a user's sessions and their revocation, key rotation, the audit log.
// Registered inside managementRoutes (same authorisation, null handling and audit hooks).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { type AuditPageInput, type AuditQueryString, queryAudit } from '../../flows/management/queryAudit.js';
import { rotateSigningKey } from '../../flows/management/rotateSigningKey.js';
import { listUserSessions, revokeUserSession } from '../../flows/management/userSessions.js';
import type { UserRef } from '../../flows/management/findUser.js';
import { auditClientOf, managedProjectId } from '../managementAuth.js';
import { absentBodyAsObject } from '../requestSchemas.js';
import { notpMgmtSchemas } from './managementNotpSchemas.js';

export function registerNotpRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Querystring: UserRef }>(routes.mgmt.notpSessions, { schema: notpMgmtSchemas.sessions }, async (request) => {
    const projectId = managedProjectId(request);
    return { sessions: await listUserSessions(deps, projectId, request.query) };
  });

  app.post<{ Body: { sessionId: string } }>(
    routes.mgmt.notpSessionRevoke,
    { schema: notpMgmtSchemas.sessionRevoke },
    async (request) => {
      const projectId = managedProjectId(request);
      return revokeUserSession(deps, projectId, request.body.sessionId, auditClientOf(request));
    },
  );

  app.post(
    routes.mgmt.notpKeysRotate,
    {
      schema: notpMgmtSchemas.keysRotate,
      // Clients send this POST with no body at all.
      preValidation: absentBodyAsObject,
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return rotateSigningKey(deps, projectId, auditClientOf(request));
    },
  );

  app.get<{ Querystring: AuditQueryString }>(
    routes.mgmt.notpAudit,
    { schema: notpMgmtSchemas.audit },
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
