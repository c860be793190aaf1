// authMiddleware with real NextRequests and a local JWKS server: which requests pass and which go to sign-in.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthMiddlewareOptions, authMiddleware } from './authMiddleware.js';
import { type JwksServer, signSession, startJwksServer, TEST_PROJECT_ID } from './testing/startJwksServer.js';

let jwks: JwksServer;
let valid: string;
let expired: string;
beforeAll(async () => {
  jwks = await startJwksServer();
  valid = await signSession({ key: jwks.keys[0]! });
  expired = await signSession({ key: jwks.keys[0]!, expiresInSec: -60 });
});
afterAll(() => jwks.close());

type Outcome = 'next' | `redirect ${string}`;

async function outcome(
  path: string,
  options: AuthMiddlewareOptions,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const middleware = authMiddleware({ projectId: TEST_PROJECT_ID, baseUrl: jwks.url, ...options });
  const response = await middleware(new NextRequest(`http://app.test${path}`, { headers }));
  if (response.headers.get('x-middleware-next') === '1') return 'next';
  expect(response.status).toBe(307);
  return `redirect ${response.headers.get('location')}`;
}

const cookie = (token: string) => ({ cookie: `other=1; DS=${token}` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('authMiddleware', () => {
  it.each<[string, string, AuthMiddlewareOptions, () => Record<string, string>, Outcome]>([
    ['no session → sign-in', '/dashboard', {}, () => ({}), 'redirect http://app.test/sign-in'],
    ['valid DS cookie → through', '/dashboard', {}, () => cookie(valid), 'next'],
    ['valid Bearer → through', '/dashboard', {}, () => bearer(valid), 'next'],
    ['expired session → sign-in', '/dashboard', {}, () => cookie(expired), 'redirect http://app.test/sign-in'],
    [
      'forged token → sign-in',
      '/dashboard',
      {},
      () => cookie(`${valid.slice(0, -4)}AAAA`),
      'redirect http://app.test/sign-in',
    ],
    ['the sign-in page itself is public', '/sign-in', {}, () => ({}), 'next'],
    ['custom redirectUrl', '/x', { redirectUrl: '/login' }, () => ({}), 'redirect http://app.test/login'],
    [
      'absolute redirectUrl',
      '/x',
      { redirectUrl: 'https://id.example.com/in' },
      () => ({}),
      'redirect https://id.example.com/in',
    ],
    ['publicRoutes subtree', '/docs/intro', { publicRoutes: ['/docs'] }, () => ({}), 'next'],
    [
      'publicRoutes is segment-exact',
      '/docsecret',
      { publicRoutes: ['/docs'] },
      () => ({}),
      'redirect http://app.test/sign-in',
    ],
    [
      '"/" public means only the home page',
      '/admin',
      { publicRoutes: ['/'] },
      () => ({}),
      'redirect http://app.test/sign-in',
    ],
    ['"/" public: the home page', '/', { publicRoutes: ['/'] }, () => ({}), 'next'],
    ['privateRoutes: others are public', '/about', { privateRoutes: ['/account'] }, () => ({}), 'next'],
    [
      'privateRoutes: listed needs a session',
      '/account/x',
      { privateRoutes: ['/account'] },
      () => ({}),
      'redirect http://app.test/sign-in',
    ],
    ['RegExp route', '/api/public/x', { publicRoutes: [/^\/api\/public\//] }, () => ({}), 'next'],
  ])('%s', async (_name, path, options, headers, expected) => {
    expect(await outcome(path, options, headers())).toBe(expected);
  });

  it('redirects to the origin the browser asked for (Host), not the one Next listens on', async () => {
    // `next start -H 127.0.0.1` and the like: request.url names another host than the browser's.
    expect(await outcome('/dashboard', {}, { host: '127.0.0.1:3000' })).toBe('redirect http://127.0.0.1:3000/sign-in');
    expect(await outcome('/sign-in', {}, { host: '127.0.0.1:3000' })).toBe('next');
    // A Host that is no host at all is ignored.
    expect(await outcome('/dashboard', {}, { host: 'a b' })).toBe('redirect http://app.test/sign-in');
  });

  it('throws at once without a project id (a developer mistake)', () => {
    const saved = { a: process.env.NOTP_PROJECT_ID, b: process.env.NEXT_PUBLIC_NOTP_PROJECT_ID };
    delete process.env.NOTP_PROJECT_ID;
    delete process.env.NEXT_PUBLIC_NOTP_PROJECT_ID;
    try {
      expect(() => authMiddleware({})).toThrow(/NOTP_PROJECT_ID/);
    } finally {
      if (saved.a !== undefined) process.env.NOTP_PROJECT_ID = saved.a;
      if (saved.b !== undefined) process.env.NEXT_PUBLIC_NOTP_PROJECT_ID = saved.b;
    }
  });
});
