// registerRequestMetrics: Fastify hooks that count every answered request by route template and status, and the
// outcomes only the HTTP layer sees (refused webhook signatures, expired logins met by pending-session).
import { errors, NotpError } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './Metrics.js';

/** Label for requests that matched no route (404s): one series, whatever junk URLs scanners try. */
const UNMATCHED_ROUTE = '(unmatched)';

/** Register on the root instance before the route plugins, so the hooks cover every route. */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onError', (_request, _reply, error, done) => {
    if (error instanceof NotpError) {
      if (error.code === errors.webhookSignatureInvalid.code) metrics.webhook('signature-failed');
      else if (error.code === errors.pendingExpired.code) metrics.pending('expired');
    }
    done();
  });
}
