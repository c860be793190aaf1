// waitForSession against a real local HTTP server: long-poll, polling fallback, timeout, abort, terminal codes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreSdk } from '../createCoreSdk.js';
import { errors } from '../errors/catalogue.js';

const PID = 'P2abcdefghijklmnopqrstuvwxyz';
const PENDING = { errorCode: 'E066103', errorDescription: 'nOTP login not verified yet', errorMessage: 'pending' };
const SESSION = { sessionJwt: 'S', refreshJwt: 'R', cookieDomain: '', cookiePath: '/', cookieMaxAge: 1 };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let baseUrl: string;
const held = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const sdk = () => createCoreSdk({ projectId: PID, baseUrl });

describe('waitForSession', () => {
  it('long-polls: holds the request and resolves as soon as the server answers', async () => {
    const prefers: (string | undefined)[] = [];
    let calls = 0;
    handler = (req, res) => {
      calls++;
      prefers.push(req.headers.prefer as string | undefined);
      const applied = { 'preference-applied': String(req.headers.prefer) };
      // First held request "elapses" quickly (as if its wait ran out); the second is verified while held.
      if (calls === 1) setTimeout(() => json(res, 401, PENDING, applied), 50);
      else setTimeout(() => json(res, 200, SESSION, applied), 50);
    };
    const r = await sdk().notp.waitForSession('ref', { timeoutMs: 20_000, pollingIntervalMs: 10 });
    expect(r).toMatchObject({ ok: true, data: { sessionJwt: 'S' } });
    // Two held requests and no third: the second carried the session (no timing asserted: the machine may be loaded).
    expect(calls).toBe(2);
    expect(prefers[0]).toMatch(/^wait=(1\d|20)$/);
  });

  it('falls back to plain polling at the interval when Preference-Applied is absent', async () => {
    const stamps: number[] = [];
    const prefers: (string | undefined)[] = [];
    handler = (req, res) => {
      stamps.push(Date.now());
      prefers.push(req.headers.prefer as string | undefined);
      if (stamps.length < 3) json(res, 401, PENDING);
      else json(res, 200, SESSION);
    };
    const r = await sdk().notp.waitForSession('ref', { timeoutMs: 20_000, pollingIntervalMs: 150 });
    expect(r.ok).toBe(true);
    expect(prefers[0]).toBeDefined();
    expect(prefers.slice(1)).toEqual([undefined, undefined]);
    // Stamped on arrival at the server, so transport jitter (e.g. the first request's connection set-up on a loaded
    // machine) shifts them; back-to-back polling would show gaps near 0 ms, spaced polling near 150 ms.
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(100);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(100);
  });

  it('resolves ok:false clientTimeout at the deadline, also while a request is held', async () => {
    handler = (_req, res) => {
      held.add(res); // never answered
    };
    // The request is never answered: resolving at all (within the test's own timeout) shows the deadline ended the wait.
    const r = await sdk().notp.waitForSession('ref', { timeoutMs: 300, pollingIntervalMs: 50 });
    expect(r).toMatchObject({ ok: false, error: { errorCode: errors.clientTimeout.code } });
  });

  it('times out while the server keeps answering "pending"', async () => {
    handler = (_req, res) => json(res, 401, PENDING);
    const r = await sdk().notp.waitForSession('ref', { timeoutMs: 250, pollingIntervalMs: 50 });
    expect(r.ok).toBe(false);
    expect(r.error?.errorCode).toBe(errors.clientTimeout.code);
    expect(r.error?.errorMessage).toContain('E066103');
  });

  it('honours an AbortSignal, before and during a request', async () => {
    handler = (_req, res) => {
      held.add(res);
    };
    const pre = new AbortController();
    pre.abort();
    const a = await sdk().notp.waitForSession('ref', { signal: pre.signal });
    expect(a.error?.errorCode).toBe(errors.clientAborted.code);
    const during = new AbortController();
    setTimeout(() => during.abort(), 100);
    const b = await sdk().notp.waitForSession('ref', { timeoutMs: 10_000, signal: during.signal });
    expect(b).toMatchObject({ ok: false, error: { errorCode: errors.clientAborted.code } });
  });

  it.each([
    { name: 'expired', def: errors.pendingExpired },
    { name: 'already used', def: errors.pendingAlreadyUsed },
    { name: 'sender mismatch', def: errors.senderMismatch },
    { name: 'unknown ref', def: errors.pendingUnknown },
  ])('stops at once on a terminal code ($name)', async ({ def }) => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls === 1) json(res, 401, PENDING);
      else json(res, def.status, { errorCode: def.code, errorDescription: def.description, errorMessage: 'x' });
    };
    const r = await sdk().notp.waitForSession('ref', { timeoutMs: 10_000, pollingIntervalMs: 20 });
    expect(r).toMatchObject({ ok: false, code: def.status, error: { errorCode: def.code } });
    expect(calls).toBe(2);
  });
});
