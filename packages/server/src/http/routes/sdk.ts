// Serves the web SDK's UMD bundle (global `Notp`) at /sdk/web-js-sdk.js for plain HTML pages.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../../app.js';
import { textAnswer } from '../responseSchemas.js';

/** Where the built UMD bundle lives, or null when @notp/web-js-sdk is not installed. */
export function webSdkBundlePath(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@notp/web-js-sdk/package.json');
    return join(dirname(pkg), 'dist', 'umd', 'web-js-sdk.js');
  } catch {
    return null;
  }
}

export async function sdkRoutes(app: FastifyInstance, _opts: RouteOptions): Promise<void> {
  // Read once, on first request: the bundle does not change while the server runs.
  let cached: Promise<{ body: Buffer; etag: string } | null> | null = null;
  const load = () => {
    cached ??= (async () => {
      const path = webSdkBundlePath();
      if (!path) return null;
      try {
        const body = await readFile(path);
        return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      } catch {
        return null;
      }
    })();
    return cached;
  };

  const bundleAnswer = {
    ...textAnswer('application/javascript', 'The web SDK (UMD, global Notp)'),
    304: { description: 'Not modified (ETag)', type: 'null' },
  };
  app.get(routes.sdkBundle, { schema: { response: bundleAnswer } }, async (request, reply) => {
    const bundle = await load();
    if (!bundle) {
      cached = null; // built later (npm run build): try again next time
      throw new NotpError(errors.routeNotFound, { message: 'The web SDK bundle is not built; run `npm run build`' });
    }
    reply.header('etag', bundle.etag).header('cache-control', 'public, max-age=300');
    if (request.headers['if-none-match'] === bundle.etag) return reply.status(304).send();
    return reply.type('application/javascript; charset=utf-8').send(bundle.body);
  });
}
