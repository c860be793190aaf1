// The /sdk/ bundles from the real server: each is the package's built file, with an ETag and 304 on a match.
import { readFile } from 'node:fs/promises';
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { loginElementBundlePath, webSdkBundlePath } from './sdk.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('GET /sdk/*.js', () => {
  it.each([
    ['web SDK', routes.sdkBundle, webSdkBundlePath],
    ['login element', routes.loginElementBundle, loginElementBundlePath],
  ])('serves the %s bundle as built (npm run build), with ETag revalidation', async (_what, route, path) => {
    const file = path();
    expect(file).not.toBeNull();
    const built = await readFile(file!, 'utf8').catch(() => undefined);
    const res = await fetch(`${server.url}${route}`);
    if (built === undefined) {
      // Not built in this checkout: a clear 404 with the catalogue's code, never a 5xx.
      expect(res.status).toBe(404);
      expect(((await res.json()) as { errorCode: string }).errorCode).toBe(errors.routeNotFound.code);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await res.text()).toBe(built);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fetch(`${server.url}${route}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
