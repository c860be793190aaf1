// Project routes (CONTRACT.md §7): the settings API (notp extension) and `management.project.updateName`;
// authorised by the management family's preHandler (managementFamily.ts).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { projectView, renameProject, updateProjectSettings } from '../../flows/management/projectSettings.js';
import { auditClientOf, managedProjectId, managementOf } from '../managementAuth.js';
import { projectSchemas } from './projectSchemas.js';

export async function projectRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(routes.mgmt.notpProject, { schema: projectSchemas.view }, async (request) =>
    projectView(managementOf(request).project),
  );

  app.patch(routes.mgmt.notpProjectSettings, { schema: projectSchemas.settings }, async (request) => {
    const projectId = managedProjectId(request);
    return { settings: await updateProjectSettings(deps, projectId, request.body, auditClientOf(request)) };
  });

  // `management.project.updateName(name)` posts `{ name }` and reads nothing from the answer.
  app.post<{ Body: { name: string } }>(
    routes.mgmt.projectUpdateName,
    { schema: projectSchemas.updateName },
    async (request) => {
      await renameProject(deps, managedProjectId(request), request.body.name, auditClientOf(request));
      return {};
    },
  );
}
