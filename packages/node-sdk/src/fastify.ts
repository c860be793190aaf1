// @notp/node-sdk/fastify: a plugin (and a preHandler) that authenticates requests or answers 401 JSON.
import type { AuthenticationInfo } from '@notp/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateRequest } from './framework/authenticateRequest.js';
import type { NotpNodeClient } from './NotpClient.js';

export { jwtResponseToCookies } from './session/jwtResponseToCookies.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The validated session, set by notpPreHandler / notpFastify. */
    notpAuth: AuthenticationInfo | null;
  }
}

/** A preHandler for chosen routes: `{ preHandler: notpPreHandler(client) }`. */
export function notpPreHandler(client: NotpNodeClient) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const outcome = await authenticateRequest(client, request.headers);
    if (!outcome.ok) {
      await reply.status(401).type('application/json; charset=utf-8').send(outcome.body);
      return;
    }
    request.notpAuth = outcome.authInfo;
    if (outcome.setCookies.length > 0) reply.header('set-cookie', outcome.setCookies);
  };
}

export interface NotpFastifyOptions {
  client: NotpNodeClient;
}

/** `app.register(notpFastify, { client })`: every route registered after it in this scope requires a session. */
export async function notpFastify(app: FastifyInstance, options: NotpFastifyOptions): Promise<void> {
  if (!app.hasRequestDecorator('notpAuth')) app.decorateRequest('notpAuth', null);
  app.addHook('preHandler', notpPreHandler(options.client));
}
// Applies to the registering scope (what fastify-plugin does), so the hook guards the caller's routes.
(notpFastify as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
