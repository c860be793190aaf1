// Management API (CONTRACT.md §7): the users, notp-extension and authz routes with their null handling and change
// audit; authorised by the management family's preHandler (http/managementAuth.ts, registered in managementFamily.ts).
import { routes } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { dropNullsFromBody } from '../dropNulls.js';
import { auditClientOf } from '../managementAuth.js';
import { answerObject } from '../responseSchemas.js';
import { registerAuthzRoutes } from './managementAuthz.js';
import { registerNotpRoutes } from './managementNotp.js';
import { registerUserRoutes } from './managementUsers.js';

/** POSTs that change nothing (searches), and routes that write their own, more precise, audit event. */
const NOT_AUDITED_AS_CHANGE: ReadonlySet<string> = new Set([
  routes.mgmt.userSearch,
  routes.mgmt.roleSearch,
  routes.mgmt.tenantSearch,
  routes.mgmt.notpSessionRevoke,
  routes.mgmt.notpKeysRotate,
]);

export async function managementRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  // Management changes are audited in one place, after the answer: every non-GET route that answered 2xx, with the
  // user it answered about (from `{ user }` answers) or named (userId/loginId in the body), and the console admin who
  // acted (actorUserId; null for the management key). Keys never appear.
  const answeredUser = new WeakMap<FastifyRequest, string>();
  // JSON null is "absent" on every optional field of every management body (the Go and Python SDKs send nulls).
  app.addHook('preValidation', dropNullsFromBody);
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const userId = (payload as { user?: { userId?: unknown } } | null)?.user?.userId;
    if (typeof userId === 'string') answeredUser.set(request, userId);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const principal = request.management;
    const url = request.routeOptions.url ?? '';
    if (!principal || request.method === 'GET' || reply.statusCode >= 300 || NOT_AUDITED_AS_CHANGE.has(url)) return;
    const body = (request.body ?? {}) as { userId?: unknown; loginId?: unknown };
    const named = typeof body.userId === 'string' ? body.userId : undefined;
    const loginId = typeof body.loginId === 'string' ? ` loginId=${body.loginId.slice(0, 320)}` : '';
    await recordAudit(deps, {
      projectId: principal.project.projectId,
      type: 'management',
      userId: answeredUser.get(request) ?? named ?? null,
      ...auditClientOf(request),
      detail: `${request.method} ${url}${loginId}`,
    });
  });

  // The node SDK's handshake at construction; notp has no license tiers.
  app.get(routes.mgmt.license, { schema: { response: { 200: answerObject() } } }, async () => ({}));

  registerAuthzRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerNotpRoutes(app, deps);
}
