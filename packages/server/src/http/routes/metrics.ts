// GET /metrics: this instance's Prometheus metrics in the text exposition format (scraped per instance).
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import { safeEqual } from '../../crypto/safeEqual.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { Metrics } from '../../observability/Metrics.js';
import { anyQuery } from '../requestSchemas.js';
import { textAnswer } from '../responseSchemas.js';

export interface MetricsRouteOptions {
  metrics: Metrics;
  /** NOTP_METRICS_TOKEN: when set, scrapes must send `Authorization: Bearer <token>`; unset, /metrics is open. */
  token?: string | undefined;
}

/** True when the Authorization header carries `Bearer <token>`; compared as SHA-256 digests in constant time. */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  return safeEqual(sha256Hex(presented), sha256Hex(token));
}

export async function metricsRoutes(app: FastifyInstance, { metrics, token }: MetricsRouteOptions): Promise<void> {
  // The one non-JSON API answer besides the webhook handshake and simulator pages (CONTRACT.md §8).
  app.get(
    routes.metrics,
    { schema: { querystring: anyQuery, response: textAnswer('text/plain', 'Prometheus metrics') } },
    async (request, reply) => {
      if (token !== undefined && !metricsTokenMatches(request.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new NotpError(errors.invalidToken, { message: 'A valid metrics token is required (NOTP_METRICS_TOKEN)' });
      }
      const text = await metrics.exposition();
      return reply.type(metrics.contentType).send(text);
    },
  );
}
