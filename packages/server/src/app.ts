// buildApp(deps): the Fastify application — framing, CORS, error handling and one plugin per concern. No listen().
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Deps } from './deps.js';
import { registerCors } from './http/cors.js';
import { closeConnectionsOnShutdown } from './http/closeConnectionsOnShutdown.js';
import { registerErrorHandling } from './http/errorHandler.js';
import { openApiRoute, registerOpenApi } from './http/openapi.js';
import { trackRoutes } from './http/routeTable.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { demoRoutes } from './http/routes/demo.js';
import { healthRoutes } from './http/routes/health.js';
import { jwksRoutes } from './http/routes/jwks.js';
import { managementRoutes } from './http/routes/management.js';
import { notpRoutes } from './http/routes/notp.js';
import { sdkRoutes } from './http/routes/sdk.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { simulatorRoutes } from './http/routes/simulator.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { registerRequestMetrics } from './observability/registerRequestMetrics.js';

/** Largest JSON body an API route accepts (webhooks set their own, larger limit). */
export const API_BODY_LIMIT = 64 * 1024; // bytes

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: API_BODY_LIMIT,
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
    strictJson(request, text, done);
  });

  await app.register(cookie);
  registerCors(app, deps);
  // Before the routes: the generator collects every route registered after it (GET /openapi.json).
  await registerOpenApi(app, deps);

  const opts = { deps };
  await app.register(healthRoutes, opts);
  if (deps.metrics) await app.register(metricsRoutes, { metrics: deps.metrics });
  await app.register(jwksRoutes, opts);
  await app.register(notpRoutes, opts);
  await app.register(sessionRoutes, opts);
  await app.register(managementRoutes, opts);
  await app.register(webhookRoutes, opts);
  await app.register(simulatorRoutes, opts);
  await app.register(sdkRoutes, opts);
  await app.register(demoRoutes, opts);
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

/** Options every route plugin receives. */
export interface RouteOptions {
  deps: Deps;
}
