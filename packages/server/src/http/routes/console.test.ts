// Console routes over real deps: the built files, the single-page fallback, caching, the CSP, and a missing build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errors } from '@notp/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import type { Deps } from '../../deps.js';
import { makeFlowDeps } from '../../flows/notp/testing/makeFlowDeps.js';
import { registerErrorHandling } from '../errorHandler.js';
import { registerSecurityHeaders } from '../securityHeaders.js';
import { CONSOLE_CSP, consoleDistPath, consoleRoutes } from './console.js';

const PAGE = '<!doctype html><html><head><script type="module" src="/console/assets/app-X.js"></script></head></html>';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A built console: the page, a hashed script, and a secret file beside the directory that must never be served. */
function consoleDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'notp-console-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dist = join(root, 'console');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), PAGE);
  writeFileSync(join(dist, 'assets', 'app-X.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'outside the console dir');
  return dist;
}

async function consoleApp(dir: string | null): Promise<FastifyInstance> {
  const kit = await makeFlowDeps();
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', NOTP_PUBLIC_URL: 'http://127.0.0.1:4000' });
  const deps: Deps = { ...kit.deps, config };
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  registerSecurityHeaders(app, config.publicUrl);
  await app.register(consoleRoutes, { deps, consoleDir: dir });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await kit.close();
  });
  return app;
}

describe('console static files', () => {
  it('serves the page with the console CSP (no inline script), and redirects /console to /console/', async () => {
    const app = await consoleApp(consoleDir());
    const page = await app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(PAGE);
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self';");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-cache');
    const bare = await app.inject({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/console/');
  });

  it('answers every app path with the page (deep links), and hashed assets as immutable', async () => {
    const app = await consoleApp(consoleDir());
    const deep = await app.inject({ method: 'GET', url: '/console/users/U123' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(PAGE);
    const script = await app.inject({ method: 'GET', url: '/console/assets/app-X.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await app.inject({
      method: 'GET',
      url: '/console/assets/app-X.js',
      headers: { 'if-none-match': String(script.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers a missing file, an unknown API path and a path out of the directory with a JSON 404', async () => {
    const app = await consoleApp(consoleDir());
    for (const url of [
      '/console/assets/missing.js',
      '/console/api/nothing',
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().errorCode, url).toBe(errors.routeNotFound.code);
      expect(res.body).not.toContain('outside the console dir');
    }
  });

  it('says how to build the console when it is not built', async () => {
    const app = await consoleApp(null);
    const res = await app.inject({ method: 'GET', url: '/console/' });
    expect(res.statusCode).toBe(404);
    expect(res.json().errorMessage).toMatch(/npm run build/);
  });

  it('finds the built console of this package by default', () => {
    expect(consoleDistPath()).toMatch(/packages[/\\]server[/\\]dist[/\\]console$/);
  });
});
