// @vitest-environment jsdom
// withAutoRefresh: the refresh fires at the planned time (fake clock), on wake-up when overdue, and never after logout.
import { errors } from '@notp/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotpSdk, type NotpSdkInstance } from '../../NotpSdk.js';
import { type ContractServer, startContractServer, TEST_PROJECT_ID } from '@notp/test-utils/contract';
import { RETRY_FIRST_MS, RETRY_MAX_MS, RETRY_MAX_TRIES } from './withAutoRefresh.js';

let server: ContractServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  server.requests.length = 0;
});
const made: NotpSdkInstance[] = [];
afterEach(async () => {
  // Instances outlive a test (their wake-up listeners stay on the shared document): end their sessions.
  for (const sdk of made.splice(0)) await sdk.logout();
  vi.useRealTimers();
});

const refreshCalls = () => server.requests.filter((r) => r.path === '/v1/auth/refresh').length;

/** Polls real I/O (the local server) until `done`, with a deadline; fake timers only drive the SDK's timer. */
async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setImmediate(r));
  }
}

async function signedIn(ttlSec: number, autoRefresh = true) {
  server.sessionTtlSec = ttlSec;
  const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh });
  made.push(sdk);
  const start = await sdk.notp.signIn('+16505551234');
  server.verify(start.data!.pendingRef);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const session = await sdk.notp.waitForSession(start.data!.pendingRef);
  expect(session.ok).toBe(true);
  return sdk;
}

describe('withAutoRefresh', () => {
  const table = [
    { ttlSec: 600, dueMs: 580_000 },
    { ttlSec: 30, dueMs: 15_000 },
  ];
  for (const { ttlSec, dueMs } of table) {
    it(`a ${ttlSec} s session refreshes after ${dueMs / 1000} s, not before`, async () => {
      await signedIn(ttlSec);
      await vi.advanceTimersByTimeAsync(dueMs - 1);
      expect(refreshCalls()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => refreshCalls() === 1);
    });
  }

  it('keeps refreshing: each new session schedules the next refresh', async () => {
    await signedIn(30);
    const first = localStorage.getItem('DS');
    await vi.advanceTimersByTimeAsync(15_000);
    await until(() => refreshCalls() === 1);
    await until(() => localStorage.getItem('DS') !== first); // the new session is applied and the next refresh planned
    await vi.advanceTimersByTimeAsync(15_000);
    await until(() => refreshCalls() === 2);
  });

  it('a hidden tab skips the timer and refreshes when shown again, overdue', async () => {
    await signedIn(600);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await vi.advanceTimersByTimeAsync(590_000);
    expect(refreshCalls()).toBe(0);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => refreshCalls() === 1);
    visibility.mockRestore();
  });

  it('focus before the due time does nothing', async () => {
    await signedIn(600);
    await vi.advanceTimersByTimeAsync(100_000);
    window.dispatchEvent(new Event('focus'));
    await new Promise((r) => setImmediate(r));
    expect(refreshCalls()).toBe(0);
  });

  it('logout cancels the timer', async () => {
    const sdk = await signedIn(30);
    await sdk.logout();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refreshCalls()).toBe(0);
  });

  it('a refresh that fails with a server error is retried after 2 s, then 4 s, and the session carries on', async () => {
    await signedIn(30);
    const first = localStorage.getItem('DS');
    server.failNext('/v1/auth/refresh', errors.internal);
    await vi.advanceTimersByTimeAsync(15_000);
    await until(() => refreshCalls() === 1);
    server.failNext('/v1/auth/refresh', errors.internal);
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS - 1);
    expect(refreshCalls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => refreshCalls() === 2);
    await vi.advanceTimersByTimeAsync(2 * RETRY_FIRST_MS - 1);
    expect(refreshCalls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => refreshCalls() === 3);
    await until(() => localStorage.getItem('DS') !== first); // the third try got a new session
    // …which plans the next refresh on the normal schedule again, not on the backoff one.
    await vi.advanceTimersByTimeAsync(14_999);
    expect(refreshCalls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => refreshCalls() === 4);
  });

  it('gives up after a bounded number of tries, with waits capped at a minute, and leaves the session alone', async () => {
    await signedIn(600);
    let waited = 580_000;
    server.failNext('/v1/auth/refresh', errors.rateLimited);
    await vi.advanceTimersByTimeAsync(waited);
    await until(() => refreshCalls() === 1);
    for (let attempt = 0; attempt < RETRY_MAX_TRIES; attempt++) {
      const wait = Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS);
      waited += wait;
      server.failNext('/v1/auth/refresh', errors.rateLimited);
      await vi.advanceTimersByTimeAsync(wait);
      await until(() => refreshCalls() === attempt + 2);
    }
    await vi.advanceTimersByTimeAsync(10 * RETRY_MAX_MS);
    expect(refreshCalls()).toBe(RETRY_MAX_TRIES + 1);
    expect(localStorage.getItem('DSR')).not.toBeNull(); // a 429 is not the end of the session
  });

  it('a refresh the server refuses (revoked token) ends the session and is not retried', async () => {
    await signedIn(30);
    server.revokeAll();
    await vi.advanceTimersByTimeAsync(15_000);
    await until(() => refreshCalls() === 1);
    await until(() => localStorage.getItem('DSR') === null);
    await vi.advanceTimersByTimeAsync(10 * RETRY_MAX_MS);
    expect(refreshCalls()).toBe(1);
  });

  it('autoRefresh:false schedules nothing', async () => {
    await signedIn(30, false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refreshCalls()).toBe(0);
  });
});
