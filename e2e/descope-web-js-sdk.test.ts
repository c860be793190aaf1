// The official @descope/web-js-sdk (UMD, global `Descope`) in Chromium against notp: browser wire compatibility, CORS.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { launchChromium } from './support/launchChromium.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';
import { HTML, JS, type StaticSite, serveStatic } from './support/StaticSite.js';
import { watchPage } from './support/watchPage.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>official web SDK</title>
<script src="/config.js"></script>
<script src="/descope-web-js-sdk.umd.js"></script>
<script>
  window.sdk = Descope({ projectId: window.NOTP_E2E.projectId, baseUrl: window.NOTP_E2E.baseUrl, persistTokens: true, autoRefresh: true });
  // SdkResponse carries the fetch Response object, which cannot leave the page: keep the plain fields.
  window.plain = (r) => ({ ok: r.ok, code: r.code, data: r.data, error: r.error });
</script>
</head><body><p>official SDK page</p></body></html>`;

interface Plain<T> {
  ok: boolean;
  code?: number;
  data?: T;
  error?: { errorCode: string };
}

/** What the page's globals look like from the test (typed only for the calls made here). */
interface DescopePage {
  sdk: {
    notp: {
      signUpOrIn(loginId: string): Promise<unknown>;
      waitForSession(ref: string, config: { pollingIntervalMs: number; timeoutMs: number }): Promise<unknown>;
    };
    getSessionToken(): string;
    getRefreshToken(): string;
    me(): Promise<unknown>;
    refresh(): Promise<unknown>;
    logout(): Promise<unknown>;
  };
  plain<T>(r: unknown): Plain<T>;
}

let server: TestServer;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  // The package exports only its module entries: find the UMD bundle beside them (dist/cjs/… → dist/index.umd.js).
  const cjsEntry = createRequire(import.meta.url).resolve('@descope/web-js-sdk');
  const bundle = join(dirname(dirname(cjsEntry)), 'index.umd.js');
  const config = { projectId: server.projectId, baseUrl: server.url };
  site = await serveStatic({
    '/index.html': { body: PAGE, contentType: HTML },
    '/config.js': { body: `window.NOTP_E2E = ${JSON.stringify(config)};\n`, contentType: JS },
    '/descope-web-js-sdk.umd.js': { body: await readFile(bundle), contentType: JS },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('@descope/web-js-sdk 1.53.0 in the browser', () => {
  it('signUpOrIn → simulator → waitForSession → getSessionToken(), cross-origin with credentials', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const corsAnswers: { url: string; origin?: string; credentials?: string }[] = [];
    page.on('response', (res) => {
      if (!res.url().startsWith(server.url)) return;
      const headers = res.headers();
      corsAnswers.push({
        url: res.url(),
        origin: headers['access-control-allow-origin'],
        credentials: headers['access-control-allow-credentials'],
      });
    });
    const phone = testPhone();
    await page.goto(site.url);

    const start = await page.evaluate(async () => {
      const w = window as unknown as DescopePage;
      return w.plain<{ pendingRef: string; redirectUrl: string; image: string }>(await w.sdk.notp.signUpOrIn(''));
    });
    expect(start.ok).toBe(true);
    const pending = start.data ?? { pendingRef: '', redirectUrl: '', image: '' };
    expect(pending.image.length).toBeGreaterThan(100);

    // The official SDK polls once a second (no long-poll); the phone sends while it polls.
    const waiting = page.evaluate(async (ref) => {
      const w = window as unknown as DescopePage;
      return w.plain<{ sessionJwt: string; user: { loginIds: string[] } }>(
        await w.sdk.notp.waitForSession(ref, { pollingIntervalMs: 1_000, timeoutMs: 30_000 }),
      );
    }, pending.pendingRef);
    await sendFromSimulator(context, pending.redirectUrl, phone);
    const session = await waiting;
    expect(session.ok).toBe(true);
    expect(session.data?.user.loginIds).toEqual([phone]);

    const tokens = await page.evaluate(() => {
      const w = window as unknown as DescopePage;
      return { session: w.sdk.getSessionToken(), refresh: w.sdk.getRefreshToken(), stored: { ...localStorage } };
    });
    expect(tokens.session).toBe(session.data?.sessionJwt);
    expect(tokens.refresh).toBeTruthy();
    expect(tokens.stored.DS).toBe(tokens.session);

    const me = await page.evaluate(async () => {
      const w = window as unknown as DescopePage;
      return w.plain<{ loginIds: string[] }>(await w.sdk.me());
    });
    expect(me.ok).toBe(true);
    expect(me.data?.loginIds).toEqual([phone]);

    const refreshed = await page.evaluate(async () => {
      const w = window as unknown as DescopePage;
      return w.plain<{ sessionJwt: string }>(await w.sdk.refresh());
    });
    expect(refreshed.ok).toBe(true);
    expect(refreshed.data?.sessionJwt).toBeTruthy();

    const loggedOut = await page.evaluate(async () => {
      const w = window as unknown as DescopePage;
      const r = w.plain(await w.sdk.logout());
      return { ...r, token: w.sdk.getSessionToken() };
    });
    expect(loggedOut.ok).toBe(true);
    expect(loggedOut.token).toBe('');

    // Every answer the page read from notp granted its origin, with credentials (never `*`).
    const apiAnswers = corsAnswers.filter((a) => a.url.includes('/v1/'));
    expect(apiAnswers.length).toBeGreaterThan(4);
    for (const answer of apiAnswers) {
      expect(answer.origin, answer.url).toBe(site.url);
      expect(answer.credentials, answer.url).toBe('true');
    }
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
