// Session routes (CONTRACT.md §5): refresh, try-refresh, logout, logout-all, me, my tenants, my history, tenant select.
import { routes } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { currentUser } from '../../flows/sessions/currentUser.js';
import { listMyLoginHistory } from '../../flows/sessions/listMyLoginHistory.js';
import { listMyTenants } from '../../flows/sessions/listMyTenants.js';
import { logout } from '../../flows/sessions/logout.js';
import { logoutAll } from '../../flows/sessions/logoutAll.js';
import { refreshSession } from '../../flows/sessions/refreshSession.js';
import { selectTenant } from '../../flows/sessions/selectTenant.js';
import { tryRefreshSession } from '../../flows/sessions/tryRefreshSession.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { Deps } from '../../deps.js';
import { enforceRateLimit } from '../../rate-limit/enforceRateLimit.js';
import type { ProjectRecord } from '../../store/ports.js';
import { clientOf, refreshTokenOf, requireProject } from '../auth.js';
import { sendSession } from '../sendSession.js';
import { absentBodyAsObject } from '../requestSchemas.js';
import { sessionSchemas } from './sessionsSchemas.js';

/** The refresh JWT of a request that mints tokens, after counting it against its per-token limit (by hash). */
async function limitedRefreshToken(
  deps: Deps,
  project: ProjectRecord,
  request: FastifyRequest,
): Promise<string | undefined> {
  const token = refreshTokenOf(request);
  if (token) await enforceRateLimit(deps, 'refreshPerToken', sha256Hex(token), project);
  return token;
}

export async function sessionRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  // The public SDKs send some of these POSTs with no body at all.
  app.addHook('preValidation', absentBodyAsObject);

  const client = (request: FastifyRequest) => clientOf(request);

  app.post(routes.session.refresh, sessionSchemas.refresh, async (request, reply) => {
    const project = await requireProject(deps, request);
    const token = await limitedRefreshToken(deps, project, request);
    return sendSession(reply, await refreshSession(deps, project, token, client(request)));
  });

  app.post(routes.session.tryRefresh, sessionSchemas.tryRefresh, async (request, reply) => {
    const project = await requireProject(deps, request);
    const token = await limitedRefreshToken(deps, project, request);
    const issued = await tryRefreshSession(deps, project, token, client(request));
    return issued ? sendSession(reply, issued) : reply.send({});
  });

  app.post(routes.session.logout, sessionSchemas.logout, async (request, reply) => {
    const project = await requireProject(deps, request);
    await logout(deps, project, refreshTokenOf(request), client(request));
    return reply.send({});
  });

  app.post(routes.session.logoutAll, sessionSchemas.logoutAll, async (request, reply) => {
    const project = await requireProject(deps, request);
    await logoutAll(deps, project, refreshTokenOf(request), client(request));
    return reply.send({});
  });

  app.get(routes.session.me, sessionSchemas.me, async (request, reply) => {
    const project = await requireProject(deps, request);
    return reply.send(await currentUser(deps, project, refreshTokenOf(request)));
  });

  app.post(
    routes.session.meTenants,
    sessionSchemas.meTenants,
    async (request: FastifyRequest<{ Body: { dct?: boolean; ids?: string[] } }>, reply) => {
      const project = await requireProject(deps, request);
      const query = {
        ...(request.body.dct !== undefined ? { dct: request.body.dct } : {}),
        ...(request.body.ids !== undefined ? { ids: request.body.ids } : {}),
      };
      return reply.send(await listMyTenants(deps, project, refreshTokenOf(request), query));
    },
  );

  app.get(routes.session.meHistory, sessionSchemas.meHistory, async (request, reply) => {
    const project = await requireProject(deps, request);
    return reply.send(await listMyLoginHistory(deps, project, refreshTokenOf(request)));
  });

  app.post(
    routes.session.selectTenant,
    sessionSchemas.selectTenant,
    async (request: FastifyRequest<{ Body: { tenant: string } }>, reply) => {
      const project = await requireProject(deps, request);
      const token = await limitedRefreshToken(deps, project, request);
      const issued = await selectTenant(deps, project, token, request.body.tenant, client(request));
      return sendSession(reply, issued);
    },
  );
}
