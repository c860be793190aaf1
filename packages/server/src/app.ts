// buildApp(deps): the Fastify application — framing, CORS, error handling and one plugin per concern. No listen().
import cookie from '@fastify/cookie';
import { errors, NotpError } from '@notp/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { registerCors } from './http/cors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json/jsonDepth.js';
import { closeConnectionsOnShutdown } from './http/closeConnectionsOnShutdown.js';
import { onFrameworkError, registerErrorHandling } from './http/errorHandler.js';
import { writeClientError } from './http/frameworkErrors.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { trackRoutes } from './http/routeTable.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { consoleRoutes } from './http/routes/console.js';
import { demoRoutes } from './http/routes/demo.js';
import { healthRoutes } from './http/routes/health.js';
import { jwksRoutes } from './http/routes/jwks.js';
import { managementRoutes } from './http/routes/management.js';
import { managementConsoleDataRoutes } from './http/routes/managementConsoleData.js';
import { notpRoutes } from './http/routes/notp.js';
import { LONG_POLL_BOUNDS, type LongPollBounds } from './flows/notp/PendingWaits.js';
import { projectRoutes } from './http/routes/project.js';
import { sdkRoutes } from './http/routes/sdk.js';
import type { RouteOptions } from './http/routes/RouteOptions.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { simulatorRoutes } from './http/routes/simulator.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { registerRequestMetrics } from './observability/registerRequestMetrics.js';

/** Largest JSON body an API route accepts (webhooks set their own, larger limit). */
export const API_BODY_LIMIT = 64 * 1024; // bytes

/**
 * Slow clients (CONTRACT.md §1, docs/security.md): headers must arrive within 15 s and the whole request within 20 s,
 * checked every 5 s, so a stalled request is answered 408 and closed within 25 s. A held long-poll has arrived in full,
 * so these never cut one (it is answered at its own deadline, ≤ 30 s).
 */
export const HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({
  headersMs: 15_000,
  requestMs: 20_000,
  checkEveryMs: 5_000,
});

export interface HttpTimeouts {
  /** Node's `headersTimeout`: the request line and headers must arrive within this. */
  headersMs: number;
  /** Node's `requestTimeout`: the whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** Node's `connectionsCheckingInterval`: how often the two are checked (a late close is this much later). */
  checkEveryMs: number;
}

/** Test seams; production runs with the defaults. */
export interface AppOptions {
  timeouts?: Partial<HttpTimeouts>;
  longPolls?: Partial<LongPollBounds>;
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: API_BODY_LIMIT,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
    // Errors raised before any route runs answer with the catalogue's JSON body too (http/frameworkErrors.ts).
    frameworkErrors: onFrameworkError,
    clientErrorHandler: writeClientError,
    // On close: destroy idle keep-alive sockets (so clients don't reuse a dead one), keep active ones — held
    // long-polls are answered by a preClose hook (http/routes/notp.ts) before the server stops.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // NOTP_TRUSTED_PROXIES: whose X-Forwarded-For sets request.ip (rate limits, history, audit). Off by default.
    trustProxy: trustProxyOf(deps.config.trustedProxies),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  trackRoutes(app);
  registerErrorHandling(app);
  registerSecurityHeaders(app, deps.config.publicUrl);
  closeConnectionsOnShutdown(app);
  if (deps.metrics) registerRequestMetrics(app, deps.metrics);

  // JSON bodies: strict parse with prototype-poisoning protection; an empty body counts as `{}`
  // (the public SDKs send bodiless POSTs to logout/refresh with a JSON content type).
  const strictJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    // Depth first, from the text: nothing downstream (schemas, flows, JSON.stringify) may meet a value it overflows on.
    if (jsonDepthExceeds(text)) {
      return done(new NotpError(errors.badRequest, { message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }));
    }
    strictJson(request, text, done);
  });

  await app.register(cookie);
  registerCors(app, deps);
  // Before the routes: the generator collects every route registered after it (GET /openapi.json).
  await registerOpenApi(app, deps);

  const opts: RouteOptions = { deps };
  await app.register(healthRoutes, opts);
  if (deps.metrics) await app.register(metricsRoutes, { metrics: deps.metrics, token: deps.config.metricsToken });
  await app.register(jwksRoutes, opts);
  await app.register(notpRoutes, { deps, longPolls: { ...LONG_POLL_BOUNDS, ...options.longPolls } });
  await app.register(sessionRoutes, opts);
  await app.register(managementRoutes, opts);
  await app.register(managementConsoleDataRoutes, opts);
  await app.register(projectRoutes, opts);
  await app.register(webhookRoutes, opts);
  await app.register(simulatorRoutes, opts);
  await app.register(sdkRoutes, opts);
  await app.register(demoRoutes, opts);
  await app.register(consoleRoutes, opts);
  openApiRoute(app);
  return app;
}

/**
 * Fastify's `trustProxy` for NOTP_TRUSTED_PROXIES. A hop count becomes proxy-addr's own rule for hops (trust the
 * first `n` addresses counted from the socket), which Fastify's types do not offer as a number.
 */
function trustProxyOf(
  trusted: Deps['config']['trustedProxies'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trusted === 'number') return (_address, hop) => hop < trusted;
  return trusted;
}
