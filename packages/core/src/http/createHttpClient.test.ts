// Transport + response mapping against a real local HTTP server (the network boundary).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreSdk } from '../createCoreSdk.js';
import { errors } from '../errors/catalogue.js';

const PID = 'P2abcdefghijklmnopqrstuvwxyz';
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('createCoreSdk', () => {
  it('throws on a missing or malformed project id', () => {
    expect(() => createCoreSdk({ projectId: '' })).toThrow(/projectId/);
    expect(() => createCoreSdk({ projectId: 'P123' })).toThrow(/27/);
    expect(() => createCoreSdk({ projectId: PID })).not.toThrow();
  });

  it('sends Bearer pid[:token], sdk headers and the JSON body; maps success', async () => {
    const seen: { auth?: string; name?: string; path?: string; body?: unknown }[] = [];
    handler = (req, body, res) => {
      seen.push({
        auth: req.headers.authorization,
        name: String(req.headers['x-notp-sdk-name']),
        path: req.url,
        body: JSON.parse(body),
      });
      json(res, 200, { pendingRef: 'r', redirectUrl: 'u', image: 'i' });
    };
    const sdk = createCoreSdk({ projectId: PID, baseUrl: `${baseUrl}/`, sdkName: 'test-sdk' });
    const a = await sdk.notp.signIn('+16505551234', { stepup: true, providerId: 'whatsapp' }, 'REFRESH');
    expect(a).toMatchObject({ ok: true, code: 200, data: { pendingRef: 'r' } });
    const b = await sdk.notp.signUp('', { name: 'Joe' });
    expect(b.ok).toBe(true);
    expect(seen[0]).toEqual({
      auth: `Bearer ${PID}:REFRESH`,
      name: 'test-sdk',
      path: '/v1/auth/notp/whatsapp/signin',
      body: { loginId: '+16505551234', loginOptions: { stepup: true }, providerId: 'whatsapp' },
    });
    expect(seen[1]).toMatchObject({
      auth: `Bearer ${PID}`,
      body: { loginId: '', user: { name: 'Joe' }, loginOptions: {} },
    });
  });

  it('authManagementKey: bearer part 3 after a token, else part 2 (as @descope/node-sdk sends it)', async () => {
    const auths: (string | undefined)[] = [];
    handler = (req, _body, res) => {
      auths.push(req.headers.authorization);
      json(res, 200, { pendingRef: 'r', redirectUrl: 'u', image: 'i' });
    };
    const sdk = createCoreSdk({ projectId: PID, baseUrl, authManagementKey: 'AMK' });
    await sdk.notp.signUpOrIn('', { customClaims: { plan: 'pro' } });
    await sdk.notp.signIn('+16505551234', { stepup: true }, 'REFRESH');
    expect(auths).toEqual([`Bearer ${PID}:AMK`, `Bearer ${PID}:REFRESH:AMK`]);
  });

  it('throws for a developer mistake, not for server errors', () => {
    const sdk = createCoreSdk({ projectId: PID, baseUrl });
    expect(() => sdk.notp.signIn(undefined as unknown as string)).toThrow(/loginId/);
    expect(() => sdk.notp.waitForSession('')).toThrow(/pendingRef/);
  });

  it.each([
    {
      name: 'error body',
      status: 409,
      body: { errorCode: 'E062107', errorDescription: 'User already exists', errorMessage: 'taken' },
      headers: {},
      want: { errorCode: 'E062107', errorMessage: 'taken' },
    },
    {
      name: 'rate limited with Retry-After',
      status: 429,
      body: { errorCode: 'E130429', errorDescription: 'Too many requests', errorMessage: 'slow down' },
      headers: { 'retry-after': '7' },
      want: { errorCode: 'E130429', retryAfter: 7 },
    },
    {
      name: 'non-JSON body',
      status: 500,
      body: null,
      headers: {},
      want: { errorCode: errors.clientBadResponse.code },
    },
  ] as { name: string; status: number; body: unknown; headers: Record<string, string>; want: object }[])(
    'maps $name to ok:false',
    async ({ status, body, headers, want }) => {
      handler = (_req, _b, res) => {
        if (body === null) {
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end('boom');
        } else json(res, status, body, headers);
      };
      const r = await createCoreSdk({ projectId: PID, baseUrl }).notp.signUpOrIn('+16505551234');
      expect(r.ok).toBe(false);
      expect(r.code).toBe(status);
      expect(r.error).toMatchObject(want);
    },
  );

  it('resolves a network failure as ok:false clientNetwork', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const r = await createCoreSdk({ projectId: PID, baseUrl: `http://127.0.0.1:${port}` }).me('T');
    expect(r).toMatchObject({ ok: false, error: { errorCode: errors.clientNetwork.code } });
  });

  it('runs hooks and session methods against their routes', async () => {
    const paths: string[] = [];
    handler = (req, body, res) => {
      paths.push(`${req.method} ${req.url} ${body}`);
      json(res, 200, req.url === '/v1/auth/me' ? { userId: 'U1' } : {});
    };
    let before = 0;
    let after = 0;
    const sdk = createCoreSdk({
      projectId: PID,
      baseUrl,
      hooks: {
        beforeRequest: (r) => {
          before++;
          r.headers['x-extra'] = '1';
        },
        afterRequest: () => {
          after++;
        },
      },
    });
    expect((await sdk.me('T')).data).toEqual({ userId: 'U1' });
    await sdk.logout('T');
    await sdk.logoutAll('T');
    await sdk.refresh('T', 'ext');
    await sdk.myTenants(true, 'T');
    await sdk.selectTenant('t1', 'T');
    expect(paths).toEqual([
      'GET /v1/auth/me ',
      'POST /v1/auth/logout {}',
      'POST /v1/auth/logoutall {}',
      'POST /v1/auth/refresh {"externalToken":"ext"}',
      'POST /v1/auth/me/tenants {"dct":true}',
      'POST /v1/auth/tenant/select {"tenant":"t1"}',
    ]);
    expect([before, after]).toEqual([6, 6]);
  });
});
