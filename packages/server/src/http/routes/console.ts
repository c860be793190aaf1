// Console routes: the admin console's built files (packages/server/dist/console) under /console/, in every mode.
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errors, NotpError } from '@notp/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { wildcardParams } from '../requestSchemas.js';
import { redirectAnswer, staticFileAnswer } from '../responseSchemas.js';
import { loadStaticFiles, type StaticFile } from '../staticFiles.js';

/** Where the console is served. Its API calls go to the management routes and /console/api (consoleSession.ts). */
export const CONSOLE_PREFIX = '/console';

export interface ConsoleRouteOptions extends RouteOptions {
  /** The built console directory. Default: `dist/console` of the @notp/server package this file belongs to. */
  consoleDir?: string | null;
}

/**
 * The console's policy: scripts and styles only from this server (no inline script, no inline style element), images
 * from here or `data:` (the sign-in QR code, Pico's icons), API calls to here only; nothing may frame it.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `dist/console` of the package holding this file: found by walking up to @notp/server's package.json. */
export function consoleDistPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === '@notp/server') return join(dir, 'dist', 'console');
    } catch {
      // no package.json here: keep walking up
    }
    dir = dirname(dir);
  }
  return null;
}

const notBuilt = () =>
  new NotpError(errors.routeNotFound, { message: 'The console is not built: run `npm run build`, then restart' });

export async function consoleRoutes(app: FastifyInstance, opts: ConsoleRouteOptions): Promise<void> {
  const dir = opts.consoleDir === undefined ? consoleDistPath() : opts.consoleDir;

  // Read once, on first request: the console does not change while the server runs (a missing build is retried).
  let loaded: Promise<Map<string, StaticFile> | null> | null = null;
  const files = async () => {
    loaded ??= dir ? loadStaticFiles(dir).catch(() => null) : Promise.resolve(null);
    const result = await loaded;
    if (!result?.has('index.html')) {
      loaded = null;
      throw notBuilt();
    }
    return result;
  };

  const send = (reply: FastifyReply, file: StaticFile, immutable: boolean, ifNoneMatch: string | undefined) => {
    // Hashed asset names never change content; the page itself is revalidated so a new build is picked up at once.
    reply
      .header('etag', file.etag)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file.contentType.startsWith('text/html')) reply.header('content-security-policy', CONSOLE_CSP);
    if (ifNoneMatch === file.etag) return reply.status(304).send();
    return reply.type(file.contentType).send(file.body);
  };

  app.get(CONSOLE_PREFIX, { schema: { response: redirectAnswer('Redirect to /console/') } }, async (_request, reply) =>
    reply.redirect(`${CONSOLE_PREFIX}/`),
  );

  app.get<{ Params: { '*': string } }>(
    `${CONSOLE_PREFIX}/*`,
    {
      schema: {
        params: wildcardParams,
        response: staticFileAnswer('A file of the console', ['text/html', 'application/javascript', 'text/css']),
      },
    },
    async (request, reply) => {
      const all = await files();
      const path = request.params['*'];
      const ifNoneMatch = request.headers['if-none-match'];
      const file = all.get(path);
      if (file) return send(reply, file, path.startsWith('assets/'), ifNoneMatch);
      // A page of the single-page app (/console/users/…): the app's router reads the path. A missing file is a 404.
      if (extname(path) === '' && !path.startsWith('api/')) {
        return send(reply, all.get('index.html') as StaticFile, false, ifNoneMatch);
      }
      throw new NotpError(errors.routeNotFound, { message: `No console file ${CONSOLE_PREFIX}/${path}` });
    },
  );
}
