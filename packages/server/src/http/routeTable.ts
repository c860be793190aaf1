// routeTable: every route the app registers (method, path, schema), so suites can cover new routes without a list.
import type { FastifyInstance, FastifySchema } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Starts recording; call on the root instance before any plugin registers routes (child plugins inherit the hook). */
export function trackRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) table.push({ method: String(method), url: route.url, schema: route.schema });
  });
}

/** The routes recorded on `app` (HEAD twins of GET routes included, as Fastify adds them). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return tables.get(app) ?? [];
}
