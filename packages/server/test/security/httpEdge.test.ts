// The server's outer edge (issue 13, items 4 and 5): HTTP-layer errors answer the catalogue's JSON body, a wrong
// method is a 405 with Allow, an over-limit upload reads its 413, stalled requests are closed, long-polls are bounded.
import { type ErrorDef, errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, HTTP_TIMEOUTS } from '../../src/app.js';
import { LONG_POLL_BOUNDS } from '../../src/flows/notp/PendingWaits.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { type RawAnswer, RawConnection, rawExchange } from './rawHttp.js';
import { call } from './securityKit.js';

function expectCatalogue(answer: RawAnswer, def: ErrorDef): void {
  expect(answer.status).toBe(def.status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(body).toMatchObject({ errorCode: def.code, errorDescription: def.description });
  expect(typeof body['errorMessage']).toBe('string');
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`;

describe('HTTP-layer errors carry the catalogue body', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each([
    ['malformed percent-encoding', get('/v1/auth/%ff'), errors.malformedUrl],
    ['malformed percent-encoding in a parameter', get('/v2/keys/%E0%A4%A'), errors.malformedUrl],
    ['a path parameter over 100 characters', get(`/v2/keys/P${'a'.repeat(200)}`), errors.urlTooLong],
    ['a 20 KB URL', get(`/v1/auth/${'a'.repeat(20_000)}`), errors.headersTooLarge],
    ['20 KB of headers', get('/health', `X-Big: ${'b'.repeat(20_000)}\r\n`), errors.headersTooLarge],
    ['a garbage request line', 'HELLO\r\n\r\n', errors.malformedHttp],
    ['a bad header line', 'GET /health HTTP/1.1\r\nHost x\r\n\r\n', errors.malformedHttp],
    [
      'conflicting lengths',
      'POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      errors.malformedHttp,
    ],
  ])('%s → %o', async (_name, request, def) => {
    expectCatalogue(await rawExchange(server.url, request), def);
    expect((await call(server, 'GET', routes.health)).status).toBe(200); // still serving
  });

  it.each([
    ['GET', routes.notp.signUpOrIn, 'POST'],
    ['DELETE', routes.notp.pendingSession, 'POST'],
    ['POST', routes.health, 'GET, HEAD'],
    ['PUT', '/v2/keys/P0000000000000000000000000000', 'GET, HEAD'],
    ['PATCH', routes.session.refresh, 'POST'],
  ])('%s %s → 405 with Allow: %s and the JSON body', async (method, path, allow) => {
    const r = await call(server, method, path);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe(allow);
    expect(r.body).toMatchObject({ errorCode: errors.methodNotAllowed.code });
  });

  it('an unknown path stays a 404', async () => {
    const r = await call(server, 'GET', '/v1/no/such/route');
    expect(r.status).toBe(404);
    expect(r.headers.get('allow')).toBeNull();
    expect(r.body['errorCode']).toBe(errors.routeNotFound.code);
  });

  it.each([routes.notp.signUpOrIn, routes.webhooks.whatsapp, routes.simulator.messages])(
    'fetch uploading 5 MB to %s reads the 413 (no EPIPE/ECONNRESET mid-upload)',
    async (path) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.projectId}` },
        body: Buffer.alloc(5 * 1024 * 1024, 0x20),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ errorCode: errors.payloadTooLarge.code });
    },
  );

  it.each([
    ['Content-Length', (n: number) => `Content-Length: ${n}\r\n`],
    ['chunked', () => 'Transfer-Encoding: chunked\r\n'],
    ['Content-Length, Connection: close', (n: number) => `Content-Length: ${n}\r\nConnection: close\r\n`],
    ['chunked, Connection: close', () => 'Transfer-Encoding: chunked\r\nConnection: close\r\n'],
  ])('a 5 MB upload (%s) reads its 413, never a reset mid-upload', async (framing, header) => {
    const size = 5 * 1024 * 1024;
    const conn = await RawConnection.open(server.url);
    const head = `POST ${routes.notp.signUpOrIn} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.projectId}\r\n`;
    conn.socket.write(`${head}Content-Type: application/json\r\n${header(size)}\r\n`);
    const body = Buffer.alloc(size, 0x20);
    // Written in 64 KiB pieces without waiting for the server: a real client keeps uploading until it sees the answer.
    for (let at = 0; at < size; at += 65_536) {
      const piece = body.subarray(at, at + 65_536);
      conn.socket.write(
        framing.startsWith('chunked')
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece,
      );
    }
    if (framing.startsWith('chunked')) conn.socket.write('0\r\n\r\n');
    const answer = await conn.firstAnswer();
    conn.socket.destroy();
    expect(answer.error).toBeUndefined();
    expectCatalogue(answer, errors.payloadTooLarge);
    expect(size).toBeGreaterThan(API_BODY_LIMIT);
  });
});

describe('slow clients (timeouts injected short; production values pinned below)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, {}, { timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 50 } });
  });
  afterAll(() => server.close());

  it('half-sent headers: answered 408 with the catalogue body and closed', async () => {
    const conn = await RawConnection.open(server.url);
    await conn.write('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const answer = await conn.closed;
    expectCatalogue(answer, errors.requestTimeout);
  });

  it('half-sent body: answered 408 with the catalogue body and closed', async () => {
    const conn = await RawConnection.open(server.url);
    const head = `POST ${routes.notp.signUpOrIn} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.projectId}\r\n`;
    await conn.write(`${head}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"loginId":`);
    const answer = await conn.closed;
    expectCatalogue(answer, errors.requestTimeout);
  });

  it('a connection that sends nothing is closed too', async () => {
    const conn = await RawConnection.open(server.url);
    const answer = await conn.closed;
    expect([0, errors.requestTimeout.status]).toContain(answer.status);
  });

  it('a held long-poll outlives the request timeout: answered at its deadline, not cut', async () => {
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } });
    const polled = await call(server, 'POST', routes.notp.pendingSession, {
      body: { pendingRef: started.body['pendingRef'] },
      headers: { prefer: 'wait=1' }, // 1 s > the 600 ms request timeout
    });
    expect(polled.status).toBe(401);
    expect(polled.body['errorCode']).toBe(errors.notpPending.code);
    expect(polled.headers.get('preference-applied')).toBe('wait=1');
  });

  it('production values close a stalled request within 30 s', () => {
    expect(HTTP_TIMEOUTS).toEqual({ headersMs: 15_000, requestMs: 20_000, checkEveryMs: 5_000 });
    expect(Math.max(HTTP_TIMEOUTS.headersMs, HTTP_TIMEOUTS.requestMs) + HTTP_TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(
      30_000,
    );
    expect(LONG_POLL_BOUNDS).toEqual({ perClient: 20, total: 10_000 });
  });
});

describe('held long-polls are bounded per client address and in total', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Trusting loopback's X-Forwarded-For lets one test play several client addresses.
    server = await startTestServer({ NOTP_TRUSTED_PROXIES: 'loopback' }, {}, { longPolls: { perClient: 2, total: 3 } });
  });
  afterAll(() => server.close());

  const start = async () =>
    String((await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } })).body['pendingRef']);
  const hold = (pendingRef: string, ip: string) =>
    call(server, 'POST', routes.notp.pendingSession, {
      body: { pendingRef },
      headers: { prefer: 'wait=30', 'x-forwarded-for': ip },
    });
  const expectRefused = (r: Awaited<ReturnType<typeof call>>) => {
    expect(r.status).toBe(429);
    expect(r.body['errorCode']).toBe(errors.rateLimited.code);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.body['retryAfter']).toBe(1);
  };

  it('over the bound: 429 with Retry-After; the held ones are still answered (at shutdown here)', async () => {
    const refs = await Promise.all([start(), start(), start(), start(), start()]);
    const held = [hold(refs[0] as string, '198.51.100.1'), hold(refs[1] as string, '198.51.100.1')];
    await openLongPolls(server, 2);
    expectRefused(await hold(refs[2] as string, '198.51.100.1')); // a third from the same address
    held.push(hold(refs[3] as string, '198.51.100.2')); // another address still gets one…
    await openLongPolls(server, 3);
    expectRefused(await hold(refs[4] as string, '198.51.100.3')); // …until the instance holds its total
    await server.app.close(); // preClose answers every held request "not verified yet"
    for (const r of await Promise.all(held)) expect(r.body['errorCode']).toBe(errors.notpPending.code);
  });
});

/** Waits until the instance reports `n` held long-polls (its own gauge), so the next request meets the bound. */
async function openLongPolls(server: TestServer, n: number): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const m = /^notp_long_polls_open\s+(\d+)/m.exec(text);
    if (m && Number(m[1]) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
