// The management route family (/v1/mgmt/**, /v2/mgmt/**): one scoped plugin whose preHandler authorises every route
// in it (management key or console session, http/managementAuth.ts) before its handler runs.
import type { FastifyInstance } from 'fastify';
import { registerManagementAuth } from '../managementAuth.js';
import { managementRoutes } from './management.js';
import { managementConsoleDataRoutes } from './managementConsoleData.js';
import { projectRoutes } from './project.js';
import type { RouteOptions } from './RouteOptions.js';

export async function managementFamily(app: FastifyInstance, opts: RouteOptions): Promise<void> {
  registerManagementAuth(app, opts.deps);
  await app.register(managementRoutes, opts);
  await app.register(managementConsoleDataRoutes, opts);
  await app.register(projectRoutes, opts);
}
