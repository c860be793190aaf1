// Express and Fastify glue through real apps: Bearer, DS cookie, refresh via DSR (new cookies set), 401 JSON otherwise.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeNotp,
  jwtResponseFor,
  newKey,
  PROJECT_ID,
  type SigningKey,
  sign,
  startFakeNotp,
} from '../../test/jwksServer.js';
import { notpAuth, type NotpAuthenticatedRequest } from '../express.js';
import { notpFastify } from '../fastify.js';
import { NotpClient } from '../NotpClient.js';
import { jwtResponseToCookies } from '../session/jwtResponseToCookies.js';

let key: SigningKey;
let fake: FakeNotp;
let session: string;
let refresh: string;
let expired: string;
const apps: { name: string; url: string; close: () => Promise<void> }[] = [];

beforeAll(async () => {
  key = await newKey('k1');
  fake = await startFakeNotp([key]);
  session = await sign(key, { sub: 'U1', drn: 'DS' });
  expired = await sign(key, { sub: 'U1', drn: 'DS' }, { ttlSec: -60 });
  refresh = await sign(key, { sub: 'U1', drn: 'DSR' }, { ttlSec: 3600 });
  fake.onRefresh = async (token) =>
    token === refresh
      ? { status: 200, body: await jwtResponseFor(key, 'U1') }
      : { status: 401, body: { errorCode: 'E901002', errorDescription: 'Invalid token', errorMessage: 'no' } };
  const client = NotpClient({ projectId: PROJECT_ID, baseUrl: fake.url });

  const ex = express();
  ex.get('/me', notpAuth(client), (req, res) => {
    res.json({ sub: (req as NotpAuthenticatedRequest).notpAuth?.token['sub'] });
  });
  const exServer = ex.listen(0, '127.0.0.1');
  await once(exServer, 'listening');
  apps.push({
    name: 'express',
    url: `http://127.0.0.1:${(exServer.address() as AddressInfo).port}`,
    close: () => new Promise((r) => exServer.close(() => r())),
  });

  const fa = Fastify();
  await fa.register(async (scope) => {
    await scope.register(notpFastify, { client });
    scope.get('/me', async (request) => ({ sub: request.notpAuth?.token['sub'] }));
  });
  await fa.listen({ port: 0, host: '127.0.0.1' });
  apps.push({
    name: 'fastify',
    url: `http://127.0.0.1:${(fa.server.address() as AddressInfo).port}`,
    close: () => fa.close(),
  });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await fake.close();
});

describe.each(['express', 'fastify'])('%s glue', (name) => {
  const url = () => `${apps.find((a) => a.name === name)!.url}/me`;

  it('accepts a Bearer session JWT and attaches the auth info', async () => {
    const res = await fetch(url(), { headers: { authorization: `Bearer ${session}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'U1' });
  });

  it('accepts the DS cookie', async () => {
    const res = await fetch(url(), { headers: { cookie: `other=1; DS=${session}` } });
    expect(await res.json()).toEqual({ sub: 'U1' });
  });

  it('refreshes with DSR when the session is expired and sets new cookies', async () => {
    const before = fake.refreshRequests;
    const res = await fetch(url(), { headers: { cookie: `DS=${expired}; DSR=${refresh}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'U1' });
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^DS=ey.*; Secure; SameSite=Strict$/.test(c))).toBe(true);
    expect(fake.refreshRequests).toBe(before + 1);
  });

  it.each<{ case: string; headers: Record<string, string> }>([
    { case: 'no credentials', headers: {} },
    { case: 'an expired Bearer', headers: { authorization: `Bearer ${expired}` } },
    { case: 'a bad refresh cookie', headers: { cookie: `DSR=${session}` } },
    { case: 'garbage', headers: { authorization: 'Bearer abc.def.ghi' } },
  ])('answers 401 JSON for $case', async ({ headers }) => {
    const res = await fetch(url(), { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ errorCode: 'E901002', errorDescription: 'Invalid token' });
  });
});

describe('jwtResponseToCookies', () => {
  it('builds DS and DSR (HttpOnly) with domain, path and max-age', () => {
    const cookies = jwtResponseToCookies({
      sessionJwt: 'S',
      refreshJwt: 'R',
      cookieDomain: 'example.com',
      cookiePath: '/app',
      cookieMaxAge: 100,
    });
    expect(cookies).toEqual([
      'DS=S; Path=/app; Domain=example.com; Max-Age=100; Secure; SameSite=Strict',
      'DSR=R; Path=/app; Domain=example.com; Max-Age=100; Secure; SameSite=Strict; HttpOnly',
    ]);
    expect(jwtResponseToCookies({ sessionJwt: 'S', cookieDomain: '', cookiePath: '', cookieMaxAge: 0 })).toEqual([
      'DS=S; Path=/; Secure; SameSite=Strict',
    ]);
  });
});
