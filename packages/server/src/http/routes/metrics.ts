// GET /metrics: this instance's Prometheus metrics in the text exposition format (scraped per instance).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../observability/Metrics.js';
import { textAnswer } from '../responseSchemas.js';

export interface MetricsRouteOptions {
  metrics: Metrics;
}

export async function metricsRoutes(app: FastifyInstance, { metrics }: MetricsRouteOptions): Promise<void> {
  // The one non-JSON API answer besides the webhook handshake and simulator pages (CONTRACT.md §8).
  app.get(
    routes.metrics,
    { schema: { querystring: { type: 'object' }, response: textAnswer('text/plain', 'Prometheus metrics') } },
    async (_request, reply) => {
      const text = await metrics.exposition();
      return reply.type(metrics.contentType).send(text);
    },
  );
}
