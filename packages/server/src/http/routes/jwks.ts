// Public keys (CONTRACT.md §5): GET /v2/keys/:projectId and /.well-known/jwks.json?projectId= (or Bearer <pid>).
import { errors, NotpError, PROJECT_ID_PATTERN, routes } from '@notp/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import type { Deps } from '../../deps.js';
import { parseBearer } from '../auth.js';
import { jwksSchemas } from './jwksSchemas.js';

/** Clients refetch on an unknown kid anyway; a short cache only spares repeated cold starts. */
const JWKS_MAX_AGE_SEC = 60;

async function sendJwks(deps: Deps, reply: FastifyReply, projectId: string | undefined): Promise<FastifyReply> {
  if (!projectId || !PROJECT_ID_PATTERN.test(projectId)) {
    throw new NotpError(errors.projectUnknown, { message: 'Missing or malformed project id' });
  }
  const project = await deps.store.projects.get(projectId);
  if (!project) throw new NotpError(errors.projectUnknown, { detail: `unknown project ${projectId}` });
  const jwks = await deps.tokens.jwks(project.projectId);
  reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SEC}`);
  return reply.send(jwks);
}

export async function jwksRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(routes.keys.jwks, { schema: jwksSchemas.byPath }, async (request, reply) =>
    sendJwks(deps, reply, (request.params as { projectId: string }).projectId),
  );

  app.get(routes.keys.wellKnown, { schema: jwksSchemas.wellKnown }, async (request, reply) => {
    const fromQuery = (request.query as { projectId?: string }).projectId;
    return sendJwks(deps, reply, fromQuery ?? parseBearer(request.headers.authorization)?.projectId);
  });
}
