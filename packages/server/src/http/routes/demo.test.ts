// Demo routes over real deps: static files from a built dir, directory redirects, CSP hashes, config.js, mode gating, logs.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { errors } from '@notp/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import type { Deps } from '../../deps.js';
import { type FlowTestKit, makeFlowDeps } from '../../flows/notp/testing/makeFlowDeps.js';
import { defaultProjectSettings } from '../../projects/defaults.js';
import { registerErrorHandling } from '../errorHandler.js';
import { demoRoutes } from './demo.js';

const INLINE = 'console.log("seed code");';
const PAGE = `<!doctype html><html><head><script src="config.js"></script></head><body><script>${INLINE}</script></body></html>`;

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A built demo dir: index, a directory page, a stylesheet, and a secret file beside it that must never be served. */
function demoDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'notp-demo-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'notpDisplay'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), PAGE);
  writeFileSync(join(dist, 'notpDisplay', 'index.html'), '<!doctype html><p>qr</p>');
  writeFileSync(join(dist, 'demo.css'), 'body{}');
  writeFileSync(join(dist, 'notes.bin'), 'not a servable type');
  writeFileSync(join(root, 'secret.txt'), 'outside the demo dir');
  return dist;
}

interface DemoApp {
  app: FastifyInstance;
  kit: FlowTestKit;
  logs: string[];
}

async function demoApp(opts: {
  dir: string | null;
  env?: Record<string, string>;
  logLevel?: string;
}): Promise<DemoApp> {
  const kit = await makeFlowDeps();
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    NOTP_PUBLIC_URL: 'http://127.0.0.1:4000',
    NOTP_PROJECT_ID: kit.project.projectId,
    ...opts.env,
  });
  const deps: Deps = { ...kit.deps, config };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = Fastify({
    loggerInstance: pino({ level: opts.logLevel ?? 'silent' }, sink) as FastifyBaseLogger,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  registerErrorHandling(app);
  await app.register(demoRoutes, { deps, demoDir: opts.dir });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await kit.close();
  });
  return { app, kit, logs };
}

describe('demo static files', () => {
  it('serves the index with a CSP that allows exactly its inline scripts, and redirects /demo to /demo/', async () => {
    const { app } = await demoApp({ dir: demoDir() });
    const res = await app.inject({ method: 'GET', url: '/demo/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(PAGE);
    const csp = String(res.headers['content-security-policy']);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4000");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    const bare = await app.inject({ method: 'GET', url: '/demo?from=qr' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/demo/?from=qr');
  });

  it('redirects a directory to its trailing slash keeping the query (the QR page reads image, link and ref from it)', async () => {
    const { app } = await demoApp({ dir: demoDir() });
    const query = '?image=iVBOR%2B%2F%3D&redirectUrl=http%3A%2F%2Fx%2Fchat&pendingRef=abc';
    const res = await app.inject({ method: 'GET', url: `/demo/notpDisplay${query}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/demo/notpDisplay/${query}`);
    const page = await app.inject({ method: 'GET', url: `/demo/notpDisplay/${query}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<p>qr</p>');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers 304 to a matching ETag and serves other types with their content type', async () => {
    const { app } = await demoApp({ dir: demoDir() });
    const css = await app.inject({ method: 'GET', url: '/demo/demo.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-security-policy']).toBeUndefined();
    const again = await app.inject({
      method: 'GET',
      url: '/demo/demo.css',
      headers: { 'if-none-match': String(css.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.each([
    ['an unknown file', '/demo/nope.html'],
    ['a file of an unservable type', '/demo/notes.bin'],
    ['a parent directory', '/demo/../secret.txt'],
    ['an encoded parent directory', '/demo/%2e%2e/secret.txt'],
    ['an encoded slash', '/demo/..%2fsecret.txt'],
    ['an absolute path', '/demo//etc/passwd'],
  ])('answers the JSON 404 for %s', async (_name, url) => {
    const { app } = await demoApp({ dir: demoDir() });
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errorCode: errors.routeNotFound.code });
    expect(res.body).not.toContain('outside the demo dir');
  });

  it('says how to build when the demo is not built, and serves it once it is (no restart needed)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'notp-demo-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const dist = join(root, 'dist');
    const { app } = await demoApp({ dir: dist });
    const missing = await app.inject({ method: 'GET', url: '/demo/' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: errors.routeNotFound.code });
    expect(missing.json().errorMessage).toContain('npm run build');

    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), PAGE);
    const built = await app.inject({ method: 'GET', url: '/demo/' });
    expect(built.statusCode).toBe(200);
  });

  it('answers the JSON 404 when @notp/demo is not installed at all', async () => {
    const { app } = await demoApp({ dir: null });
    const res = await app.inject({ method: 'GET', url: '/demo/index.html' });
    expect(res.statusCode).toBe(404);
    expect(res.json().errorMessage).toContain('npm run build');
  });

  it('keeps the QR page request (it carries the pendingRef) out of the info-level request log', async () => {
    const { app, logs } = await demoApp({ dir: demoDir(), logLevel: 'info' });
    const secret = 'PENDINGREFSECRET0123456789';
    const res = await app.inject({ method: 'GET', url: `/demo/notpDisplay/?pendingRef=${secret}` });
    expect(res.statusCode).toBe(200);
    await app.inject({ method: 'GET', url: '/demo/config.js' });
    expect(logs.join('')).toContain('/demo/config.js'); // the logger does record other requests
    expect(logs.join('')).not.toContain(secret);
  });
});

describe('GET /demo/config.js', () => {
  it('names the development project and the public URL as a script', async () => {
    const { app, kit } = await demoApp({ dir: demoDir() });
    const res = await app.inject({ method: 'GET', url: '/demo/config.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toBe(
      `window.NOTP_CONFIG = {"projectId":"${kit.project.projectId}","baseUrl":"http://127.0.0.1:4000"};\n`,
    );
  });

  it('finds the first project (the oldest) when NOTP_PROJECT_ID is not set, whatever its name', async () => {
    const { app, kit } = await demoApp({ dir: demoDir(), env: { NOTP_PROJECT_ID: '' } });
    const firstId = `P${'d'.repeat(27)}`;
    await kit.deps.store.projects.create({
      projectId: firstId,
      name: 'Renamed by its operator',
      managementKeyHash: '0'.repeat(64),
      settings: defaultProjectSettings(kit.deps.config),
      createdAt: kit.project.createdAt - 1,
    });
    const res = await app.inject({ method: 'GET', url: '/demo/config.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`"projectId":"${firstId}"`);
  });
});

describe('outside simulator mode', () => {
  it('has no demo routes at all', async () => {
    const { app } = await demoApp({
      dir: demoDir(),
      env: {
        NOTP_WHATSAPP_PROVIDER: 'twilio',
        NOTP_TWILIO_ACCOUNT_SID: 'AC123',
        NOTP_TWILIO_AUTH_TOKEN: 'token',
        NOTP_WHATSAPP_NUMBER: '+16505550100',
      },
    });
    for (const url of ['/demo', '/demo/', '/demo/index.html', '/demo/config.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
