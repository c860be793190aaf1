// Serves the browser bundles for plain HTML pages: the web SDK (global `Notp`) and the login element, under /sdk/.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { notModified, textAnswer } from '../responseSchemas.js';

/** Where a package's built bundle (`dist/umd/<file>`) lives, or null when the package is not installed. */
function bundlePath(pkg: string, file: string): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'dist', 'umd', file);
  } catch {
    return null;
  }
}

/** Where the built UMD bundle of the web SDK lives, or null when @notp/web-js-sdk is not installed. */
export function webSdkBundlePath(): string | null {
  return bundlePath('@notp/web-js-sdk', 'web-js-sdk.js');
}

/** Where the built IIFE bundle of the login element lives, or null when @notp/login-element is not installed. */
export function loginElementBundlePath(): string | null {
  return bundlePath('@notp/login-element', 'login-element.js');
}

const BUNDLES = [
  { route: routes.sdkBundle, path: webSdkBundlePath, what: 'web SDK', about: 'The web SDK (UMD, global Notp)' },
  {
    route: routes.loginElementBundle,
    path: loginElementBundlePath,
    what: 'login element',
    about: 'The login element <notp-whatsapp-login> with the web SDK inside (one script)',
  },
];

export async function sdkRoutes(app: FastifyInstance, _opts: RouteOptions): Promise<void> {
  for (const bundle of BUNDLES) serveBundle(app, bundle);
}

function serveBundle(app: FastifyInstance, { route, path, what, about }: (typeof BUNDLES)[number]): void {
  // Read once, on first request: the bundle does not change while the server runs.
  let cached: Promise<{ body: Buffer; etag: string } | null> | null = null;
  const load = () => {
    cached ??= (async () => {
      const file = path();
      if (!file) return null;
      try {
        const body = await readFile(file);
        return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      } catch {
        return null;
      }
    })();
    return cached;
  };

  const bundleAnswer = { ...textAnswer('application/javascript', about), ...notModified };
  app.get(route, { schema: { response: bundleAnswer } }, async (request, reply) => {
    const bundle = await load();
    if (!bundle) {
      cached = null; // built later (npm run build): try again next time
      throw new NotpError(errors.routeNotFound, { message: `The ${what} bundle is not built; run \`npm run build\`` });
    }
    reply.header('etag', bundle.etag).header('cache-control', 'public, max-age=300');
    if (request.headers['if-none-match'] === bundle.etag) return reply.status(304).send();
    return reply.type('application/javascript; charset=utf-8').send(bundle.body);
  });
}
