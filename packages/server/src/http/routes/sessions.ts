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
import { answerObject, emptyAnswer, jwtResponse, userObject } from '../responseSchemas.js';

// Bodies are objects whose unknown members are ignored (the web SDK adds fpData); query strings are tolerated.
const anyQuery = { type: 'object' } as const;
const emptyBody = { type: 'object', properties: { externalToken: { type: 'string', maxLength: 8192 } } } as const;
const tenantsBody = {
  type: 'object',
  properties: {
    dct: { type: 'boolean' },
    ids: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 },
  },
} as const;
const selectTenantBody = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

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

const postSchema = (body: object, response: object = jwtResponse) => ({
  schema: { body, querystring: anyQuery, response },
});
const getSchema = (response: object) => ({ schema: { querystring: anyQuery, response } });

export async function sessionRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  // The public SDKs send some of these POSTs with no body at all; treat that as `{}` so the schema sees an object.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) request.body = {};
  });

  const client = (request: FastifyRequest) => clientOf(request);

  app.post(routes.session.refresh, postSchema(emptyBody), async (request, reply) => {
    const project = await requireProject(deps, request);
    const token = await limitedRefreshToken(deps, project, request);
    return sendSession(reply, await refreshSession(deps, project, token, client(request)));
  });

  app.post(routes.session.tryRefresh, postSchema(emptyBody), async (request, reply) => {
    const project = await requireProject(deps, request);
    const token = await limitedRefreshToken(deps, project, request);
    const issued = await tryRefreshSession(deps, project, token, client(request));
    return issued ? sendSession(reply, issued) : reply.send({});
  });

  app.post(routes.session.logout, postSchema(emptyBody, emptyAnswer), async (request, reply) => {
    const project = await requireProject(deps, request);
    await logout(deps, project, refreshTokenOf(request), client(request));
    return reply.send({});
  });

  app.post(routes.session.logoutAll, postSchema(emptyBody, emptyAnswer), async (request, reply) => {
    const project = await requireProject(deps, request);
    await logoutAll(deps, project, refreshTokenOf(request), client(request));
    return reply.send({});
  });

  app.get(routes.session.me, getSchema({ 200: userObject }), async (request, reply) => {
    const project = await requireProject(deps, request);
    return reply.send(await currentUser(deps, project, refreshTokenOf(request)));
  });

  app.post(
    routes.session.meTenants,
    postSchema(tenantsBody, { 200: answerObject({ tenants: { type: 'array', items: answerObject() } }) }),
    async (request: FastifyRequest<{ Body: { dct?: boolean; ids?: string[] } }>, reply) => {
      const project = await requireProject(deps, request);
      const query = {
        ...(request.body.dct !== undefined ? { dct: request.body.dct } : {}),
        ...(request.body.ids !== undefined ? { ids: request.body.ids } : {}),
      };
      return reply.send(await listMyTenants(deps, project, refreshTokenOf(request), query));
    },
  );

  app.get(
    routes.session.meHistory,
    getSchema({ 200: { type: 'array', items: answerObject() } }),
    async (request, reply) => {
      const project = await requireProject(deps, request);
      return reply.send(await listMyLoginHistory(deps, project, refreshTokenOf(request)));
    },
  );

  app.post(
    routes.session.selectTenant,
    postSchema(selectTenantBody),
    async (request: FastifyRequest<{ Body: { tenant: string } }>, reply) => {
      const project = await requireProject(deps, request);
      const token = await limitedRefreshToken(deps, project, request);
      const issued = await selectTenant(deps, project, token, request.body.tenant, client(request));
      return sendSession(reply, issued);
    },
  );
}
