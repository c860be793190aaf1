// Security headers on every kind of answer: API JSON, errors, 404s, preflights, the simulator page; HSTS on https.
import { routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);

describe('security headers', () => {
  it.each([
    { name: 'health', req: () => get(routes.health) },
    { name: 'a 404', req: () => get('/nope') },
    { name: 'a 401 error', req: () => get(routes.session.me) },
    {
      name: 'a start',
      req: () =>
        get(routes.notp.signUpOrIn, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
          body: '{"loginId":""}',
        }),
    },
    {
      name: 'malformed JSON',
      req: () =>
        get(routes.notp.signUpOrIn, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
    },
  ])('$name: nosniff, no-referrer, DENY, CSP none, no-store, no HSTS on http', async ({ req }) => {
    const res = await req();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('the JWKS keeps its public cache policy', async () => {
    const res = await get(`/v2/keys/${server.projectId}`);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the simulator page keeps its own nonce CSP, unframable', async () => {
    const res = await get(`${routes.simulator.chat}?text=hi`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-.+'.*frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('a CORS preflight answer carries them too', async () => {
    const res = await get(routes.notp.signUpOrIn, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('on an https public URL', () => {
  let https: TestServer;
  beforeAll(async () => {
    https = await startTestServer({ NOTP_PUBLIC_URL: 'https://auth.example.com', NOTP_SIMULATOR_PUBLIC: 'on' });
  });
  afterAll(() => https.close());

  it('adds Strict-Transport-Security', async () => {
    const res = await fetch(`http://127.0.0.1:${https.deps.config.port}${routes.health}`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
