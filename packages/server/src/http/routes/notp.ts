// nOTP routes: the four starts and pending-session (with the Prefer: wait long-poll) — schema → flow → answer.
import { MAX_WAIT_SEC, routes } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { pendingSession } from '../../flows/notp/pendingSession.js';
import { type LongPollBounds, PendingWaits } from '../../flows/notp/PendingWaits.js';
import { type StartInput, startLogin } from '../../flows/notp/startLogin.js';
import { needsRefreshToken } from '../../flows/notp/startSteps.js';
import { authManagementKeyOf } from '../../flows/notp/customClaims.js';
import { clientOf, parseBearer, refreshTokenOf, requireProject } from '../auth.js';
import { sendSession } from '../sendSession.js';
import { nativeJson } from '../responseSchemas.js';
import { pendingSessionSchema, startResponse, startRoutes } from './notpSchemas.js';

interface StartBody {
  loginId?: string;
  user?: StartInput['user'];
  loginOptions?: StartInput['options'];
  options?: StartInput['options'];
  phone?: string;
}

/**
 * The granted wait of a `Prefer` header (RFC 7240): `wait=N` among comma-separated preferences, clamped to
 * 1–MAX_WAIT_SEC seconds. Garbage, `wait=0` and a missing header mean "answer at once" (undefined).
 */
export function preferredWait(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const joined = Array.isArray(header) ? header.join(',') : header;
  for (const preference of joined.split(',')) {
    const m = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(?:;.*)?$/i.exec(preference);
    if (!m?.[1]) continue;
    const sec = Number(m[1]);
    return sec < 1 ? undefined : Math.min(sec, MAX_WAIT_SEC);
  }
  return undefined;
}

export async function notpRoutes(
  app: FastifyInstance,
  opts: RouteOptions & { longPolls?: LongPollBounds },
): Promise<void> {
  const { deps } = opts;
  const waits = new PendingWaits(deps.events, opts.longPolls);
  // preClose runs while the server still holds connections: answer every held long-poll now, so close() need not
  // wait out their deadlines (CONTRACT.md §1: never drop a connection mid-request). onClose covers inject()-only use.
  app.addHook('preClose', (done) => {
    waits.closeAll();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    waits.closeAll();
    done();
  });

  for (const route of startRoutes) {
    // Start answers are three ASCII strings, one of them a ~1–4 KB data URL: V8's native JSON.stringify writes that in
    // one pass, where the schema serializer escapes it character by character (about 1% of a start's CPU). The schema
    // still documents the shape; startLogin returns exactly these members.
    const routeOptions = { schema: { body: route.body, response: startResponse }, serializerCompiler: nativeJson };
    app.post(route.path, routeOptions, async (request) => {
      const project = await requireProject(deps, request);
      const body = (request.body ?? {}) as StartBody;
      const { ip, userAgent } = clientOf(request);
      const input: StartInput = { kind: route.kind, loginId: body.loginId ?? '', ip, userAgent };
      const acceptLanguage = request.headers['accept-language'];
      if (typeof acceptLanguage === 'string') input.acceptLanguage = acceptLanguage;
      const options = route.kind === 'update' ? body.options : body.loginOptions;
      if (options) input.options = options;
      if (route.kind === 'signup' && body.user) input.user = body.user;
      if (route.kind === 'update' && body.phone !== undefined) input.phone = body.phone;
      // Only the variants that need a refresh token read one (a stale token elsewhere is not an error).
      if (needsRefreshToken(route.kind, options)) input.refreshJwt = refreshTokenOf(request);
      const bearer = parseBearer(request.headers.authorization);
      const authManagementKey = bearer ? authManagementKeyOf(bearer) : undefined;
      if (authManagementKey !== undefined) input.authManagementKey = authManagementKey;
      return startLogin(deps, project, input);
    });
  }

  app.post(
    routes.notp.pendingSession,
    { schema: pendingSessionSchema },
    async (request: FastifyRequest<{ Body: { pendingRef: string } }>, reply) => {
      const project = await requireProject(deps, request);
      const waitSec = preferredWait(request.headers.prefer);
      // Set before the flow runs so the E066103 answer of an elapsed wait carries it too.
      if (waitSec !== undefined) reply.header('preference-applied', `wait=${waitSec}`);
      const { ip, userAgent } = clientOf(request);
      const issued = await pendingSession(deps, project, {
        pendingRef: request.body.pendingRef,
        ...(waitSec !== undefined ? { waitSec, waits: waits.forClient(ip) } : {}),
        ip,
        userAgent,
      });
      return sendSession(reply, issued);
    },
  );
}
