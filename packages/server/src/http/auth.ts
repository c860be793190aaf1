// Request credentials: `Authorization: Bearer <projectId>[:<token>[:<key>]]`, the DSR cookie, project lookup.
import { errors, NotpError, PROJECT_ID_PATTERN, REFRESH_COOKIE_NAME } from '@notp/core';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';

export interface BearerParts {
  projectId: string;
  /** Part 2: the user's refresh JWT, or a management key on management routes. */
  token: string | undefined;
  /** Part 3: an auth management key some backends add. */
  extra: string | undefined;
}

/** Splits the bearer value on ':' (JWTs contain no ':'). Returns null when there is no usable bearer. */
export function parseBearer(header: string | undefined): BearerParts | null {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return null;
  const [projectId = '', token, extra] = m[1].split(':');
  return { projectId, token: token || undefined, extra: extra || undefined };
}

/**
 * The project a request is for: from the bearer, else the `x-descope-project-id` header, else the `projectId` query
 * parameter (JWKS only). Throws projectUnknown for a missing, malformed or unknown id.
 */
export async function requireProject(deps: Deps, request: FastifyRequest): Promise<ProjectRecord> {
  const bearer = parseBearer(request.headers.authorization);
  const header = request.headers['x-descope-project-id'];
  const projectId = bearer?.projectId ?? (typeof header === 'string' ? header : undefined);
  if (!projectId || !PROJECT_ID_PATTERN.test(projectId)) {
    throw new NotpError(errors.projectUnknown, {
      message: 'Missing or malformed project id in the Authorization header',
    });
  }
  const project = await projectForRequest(deps, request, projectId);
  if (!project) throw new NotpError(errors.projectUnknown, { detail: `unknown project ${projectId}` });
  return project;
}

/** One project read per request: CORS (http/cors.ts) and the route's own lookup share it. */
const projectReads = new WeakMap<FastifyRequest, { projectId: string; read: Promise<ProjectRecord | null> }>();

/** The project row `projectId`, read from the store at most once for this request. */
export function projectForRequest(
  deps: Pick<Deps, 'store'>,
  request: FastifyRequest,
  projectId: string,
): Promise<ProjectRecord | null> {
  const hit = projectReads.get(request);
  if (hit?.projectId === projectId) return hit.read;
  const read = deps.store.projects.get(projectId);
  projectReads.set(request, { projectId, read });
  return read;
}

/**
 * The refresh JWT a request carries: bearer part 2, else the cookie named by `x-descope-refresh-cookie-name`, else `DSR`.
 * Returns undefined when there is none; validity is the caller's business.
 */
export function refreshTokenOf(request: FastifyRequest): string | undefined {
  const bearer = parseBearer(request.headers.authorization);
  if (bearer?.token) return bearer.token;
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  const named = request.headers['x-descope-refresh-cookie-name'];
  if (typeof named === 'string' && cookies[named]) return cookies[named];
  return cookies[REFRESH_COOKIE_NAME] || undefined;
}

/** Client IP and user agent, for audit, history and the confirmation message. */
export function clientOf(request: FastifyRequest): { ip: string; userAgent: string } {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : '' };
}
