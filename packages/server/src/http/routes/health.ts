// Liveness (`/health`) and readiness (`/ready`: the store and the event bus answer) probes.
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { healthSchemas } from './healthSchemas.js';

/** How long a readiness check may take before the dependency counts as down. */
const READY_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<void>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(routes.health, { schema: healthSchemas.health }, async () => ({ status: 'ok' }));

  app.get(routes.ready, { schema: healthSchemas.ready }, async (_request, reply) => {
    const [store, events] = await Promise.all([probe(() => deps.store.ping()), probe(() => deps.events.ping())]);
    const ready = store === 'ok' && events === 'ok';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', store, events });
  });
}
