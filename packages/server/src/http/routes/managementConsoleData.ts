// Management routes the console reads (keys, activity, template preview, login history); authorised by the
// management family's preHandler (managementFamily.ts).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { type ActivityRange, readActivity } from '../../flows/activity/readActivity.js';
import { listLoginHistory } from '../../flows/management/listLoginHistory.js';
import { listSigningKeys } from '../../flows/management/listSigningKeys.js';
import { previewTemplates } from '../../flows/management/previewTemplates.js';
import { managedProjectId, managementOf } from '../managementAuth.js';
import { consoleDataSchemas } from './managementConsoleDataSchemas.js';

export async function managementConsoleDataRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(routes.mgmt.notpKeys, { schema: consoleDataSchemas.keys }, async (request) => {
    const projectId = managedProjectId(request);
    return listSigningKeys(deps, projectId);
  });

  app.get<{ Querystring: { range?: ActivityRange } }>(
    routes.mgmt.notpActivity,
    { schema: consoleDataSchemas.activity },
    async (request) => {
      const projectId = managedProjectId(request);
      return readActivity(deps, projectId, request.query.range ?? 'hour');
    },
  );

  app.post<{ Body: { locale: string; templates?: unknown } }>(
    routes.mgmt.notpTemplatesPreview,
    { schema: consoleDataSchemas.templatesPreview },
    async (request) => {
      const { project } = managementOf(request);
      return previewTemplates(deps, project, request.body);
    },
  );

  app.get<{ Querystring: { userId: string; limit?: string } }>(
    routes.mgmt.notpLoginHistory,
    { schema: consoleDataSchemas.loginHistory },
    async (request) => {
      const projectId = managedProjectId(request);
      const limit = request.query.limit === undefined ? undefined : Number(request.query.limit);
      return listLoginHistory(deps, projectId, request.query.userId, limit);
    },
  );
}
