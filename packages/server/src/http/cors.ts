// CORS per project (CONTRACT.md §1): echo an allowed Origin (never `*`) with credentials; foreign origins get nothing.
import { PROJECT_ID_PATTERN } from '@notp/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { projectChangedChannel } from '../events/ports.js';
import { parseBearer, projectForRequest } from './auth.js';

const ALLOWED_HEADERS = new Set(['authorization', 'content-type', 'prefer', 'accept', 'accept-language']);
const ALLOWED_HEADER_PREFIXES = ['x-descope-', 'x-notp-'];
const EXPOSED_HEADERS = 'Preference-Applied, Retry-After';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
/**
 * How long the origin lists of all projects are cached in memory. A change through the API drops the cache on every
 * instance at once (event bus); this bound only matters when such an event is lost.
 */
const ORIGINS_CACHE_MS = 5_000;

/** True when `origin` matches a pattern: an exact origin, or `scheme://host:*` for any port. */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.endsWith(':*')) return false;
  const base = pattern.slice(0, -2);
  if (origin === base) return true;
  if (!origin.startsWith(`${base}:`)) return false;
  return /^\d{1,5}$/.test(origin.slice(base.length + 1));
}

/** Which origins may call: per project from its row, for preflights from a cached view of every project's lists. */
export class OriginPolicy {
  private byProject = new Map<string, string[]>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(private readonly deps: Pick<Deps, 'store' | 'clock'>) {}

  private async refresh(force = false): Promise<void> {
    if (!force && this.deps.clock.now() - this.loadedAt < ORIGINS_CACHE_MS) return;
    // Coalesce concurrent refreshes into one store read.
    this.loading ??= (async () => {
      try {
        const projects = await this.deps.store.projects.list();
        this.byProject = new Map(projects.map((p) => [p.projectId, p.settings.allowedOrigins]));
        this.loadedAt = this.deps.clock.now();
      } finally {
        this.loading = null;
      }
    })();
    await this.loading;
  }

  /**
   * Origin allowed by this project (or, without a project id, by any project). A request naming its project reads
   * that project's row (what the request itself does next), so a change applies to it at once on every instance.
   * A preflight (no project id) uses the cached lists of all projects; a refusal is re-checked against the store
   * first, so an origin just added on another instance is allowed at once (concurrent re-checks share one read),
   * and a removed one stops being allowed as soon as the change's event arrives (or the cache bound passes).
   */
  async allows(origin: string, projectId: string | undefined, request?: FastifyRequest): Promise<boolean> {
    if (projectId !== undefined) {
      if (!PROJECT_ID_PATTERN.test(projectId)) return false;
      const project = request
        ? await projectForRequest(this.deps, request, projectId)
        : await this.deps.store.projects.get(projectId);
      return project?.settings.allowedOrigins.some((p) => originMatches(p, origin)) ?? false;
    }
    await this.refresh();
    if (this.anyAllows(origin)) return true;
    await this.refresh(true);
    return this.anyAllows(origin);
  }

  private anyAllows(origin: string): boolean {
    for (const patterns of this.byProject.values()) {
      if (patterns.some((p) => originMatches(p, origin))) return true;
    }
    return false;
  }

  /** Forget the cache (after a settings change). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }
}

function requestedHeadersAllowed(header: string | undefined): string | null {
  if (!header) return '';
  const names = header
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const ok = names.every((n) => ALLOWED_HEADERS.has(n) || ALLOWED_HEADER_PREFIXES.some((p) => n.startsWith(p)));
  return ok ? names.join(', ') : null;
}

function projectIdOf(request: FastifyRequest): string | undefined {
  const bearer = parseBearer(request.headers.authorization);
  if (bearer?.projectId) return bearer.projectId;
  const h = request.headers['x-descope-project-id'];
  return typeof h === 'string' && h ? h : undefined;
}

function allowOrigin(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
  reply.header('vary', 'Origin');
}

export function registerCors(app: FastifyInstance, deps: Deps): OriginPolicy {
  const policy = new OriginPolicy(deps);
  // A project's settings changed on some instance: the next request here reads the new origin lists.
  const unsubscribe = deps.events.subscribe(projectChangedChannel, () => policy.invalidate());
  app.addHook('onClose', async () => unsubscribe());
  // The server's own public origin (the console at /console/) is same-origin: browsers apply no CORS to its calls, so
  // they need no CORS headers and must not cost a read of every project's origin list. Nothing more is granted to it.
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || origin === '') return;
    if (origin === ownOrigin) {
      reply.header('vary', 'Origin');
      return;
    }
    const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (isPreflight) {
      // A preflight carries no credentials: grant it to an origin some project allows; the real request is checked
      // against its own project below.
      const headers = requestedHeadersAllowed(request.headers['access-control-request-headers'] as string | undefined);
      if (headers === null || !(await policy.allows(origin, undefined))) {
        return reply.status(204).header('vary', 'Origin').send();
      }
      allowOrigin(reply, origin);
      reply.header('access-control-allow-methods', ALLOWED_METHODS);
      if (headers) reply.header('access-control-allow-headers', headers);
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
    if (await policy.allows(origin, projectIdOf(request), request)) {
      allowOrigin(reply, origin);
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    } else {
      reply.header('vary', 'Origin');
    }
  });
  return policy;
}
