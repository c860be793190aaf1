// Demo routes (simulator mode only): the built demo app (apps/demo/dist) under /demo, and /demo/config.js naming the dev project.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { findFirstProject } from '../../projects/bootstrapDevProject.js';
import { wildcardParams } from '../requestSchemas.js';
import { redirectAnswer, staticFileAnswer, textAnswer } from '../responseSchemas.js';
import { loadStaticFiles, type StaticFile } from '../staticFiles.js';

/** A redirect to the directory's trailing slash. */
const toDirectory = redirectAnswer('Redirect to /demo/');

export interface DemoRouteOptions extends RouteOptions {
  /** The built demo directory. Default: `@notp/demo`'s `dist/` (null: not installed). */
  demoDir?: string | null;
}

/** Where the built demo lives, or null when @notp/demo is not installed (e.g. the server published alone). */
export function demoDistPath(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@notp/demo/package.json');
    return join(dirname(pkg), 'dist');
  } catch {
    return null;
  }
}

/**
 * The pages' policy: only this server's scripts (and the page's own hashed inline blocks), images from here or `data:`
 * (the QR), API calls to here and to the public URL. Styles may be inline: the login element styles its shadow root.
 */
function pageCsp(file: StaticFile, apiOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${(file.scriptHashes ?? []).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const notBuilt = () =>
  new NotpError(errors.routeNotFound, { message: 'The demo is not built: run `npm run build`, then restart' });

export async function demoRoutes(app: FastifyInstance, opts: DemoRouteOptions): Promise<void> {
  const { deps } = opts;
  // The demo signs in to the development project through the simulator: nowhere else does it make sense.
  if (deps.config.provider !== 'simulator') return;
  const dir = opts.demoDir === undefined ? demoDistPath() : opts.demoDir;
  const apiOrigin = new URL(deps.config.publicUrl).origin;
  const prefix = routes.demo;

  // Read once, on first request: the demo does not change while the server runs (a missing build is retried).
  let loaded: Promise<Map<string, StaticFile> | null> | null = null;
  const files = async () => {
    loaded ??= dir ? loadStaticFiles(dir).catch(() => null) : Promise.resolve(null);
    const result = await loaded;
    if (!result || result.size === 0) {
      loaded = null;
      throw notBuilt();
    }
    return result;
  };

  let projectId = deps.config.projectId;
  const devProjectId = async (): Promise<string> => {
    projectId ??= (await findFirstProject(deps))?.projectId;
    if (!projectId) throw new NotpError(errors.routeNotFound, { message: 'There is no development project' });
    return projectId;
  };

  const send = (reply: FastifyReply, file: StaticFile, ifNoneMatch: string | undefined) => {
    reply.header('etag', file.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (file.scriptHashes) {
      reply.header('content-security-policy', pageCsp(file, apiOrigin)).header('referrer-policy', 'no-referrer');
    }
    if (ifNoneMatch === file.etag) return reply.status(304).send();
    return reply.type(file.contentType).send(file.body);
  };

  /** Keeps the query (the QR page reads its inputs from it) when redirecting to a directory's trailing slash. */
  const queryOf = (url: string) => {
    const at = url.indexOf('?');
    return at === -1 ? '' : url.slice(at);
  };

  app.get(prefix, { schema: { response: toDirectory } }, async (request, reply) =>
    reply.redirect(`${prefix}/${queryOf(request.url)}`),
  );

  app.get(
    `${prefix}/config.js`,
    { schema: { response: textAnswer('application/javascript', 'The demo configuration') } },
    async (_request, reply) => {
      const config = { projectId: await devProjectId(), baseUrl: deps.config.publicUrl };
      // `<` escaped: the value is JSON inside JavaScript.
      const json = JSON.stringify(config).replace(/</g, '\\u003c');
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .type('application/javascript; charset=utf-8')
        .send(`window.NOTP_CONFIG = ${json};\n`);
    },
  );

  app.get<{ Params: { '*': string } }>(
    `${prefix}/*`,
    {
      schema: {
        params: wildcardParams,
        // A file of the demo app (HTML, JavaScript, CSS), or a redirect to a directory's trailing slash.
        response: {
          ...staticFileAnswer('A file of the demo app', ['text/html', 'text/javascript', 'text/css']),
          ...toDirectory,
        },
      },
      // The QR page's URL carries the pendingRef, and the logged-in page's the session JWT (the seed's pages pass
      // them in the query): keep request lines of these routes out of the info-level request log.
      logLevel: 'warn',
    },
    async (request, reply) => {
      const all = await files();
      const path = request.params['*'];
      const ifNoneMatch = request.headers['if-none-match'];
      // Only names in the map are served: no path from the URL ever reaches the file system.
      const file = all.get(path === '' || path.endsWith('/') ? `${path}index.html` : path);
      if (file) return send(reply, file, ifNoneMatch);
      if (all.has(`${path}/index.html`)) return reply.redirect(`${prefix}/${path}/${queryOf(request.url)}`);
      throw new NotpError(errors.routeNotFound, { message: `No demo file ${prefix}/${path}` });
    },
  );
}
