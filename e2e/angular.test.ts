// @notp/angular-sdk in Chromium: the example app (e2e/apps/angular, the seed's app.module.ts) logs in and out.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { buildWorkspaceApp } from './support/buildWorkspaceApp.js';
import { launchChromium } from './support/launchChromium.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';
import { HTML, JS, type StaticFile, type StaticSite, serveStatic } from './support/StaticSite.js';
import { watchPage } from './support/watchPage.js';

const distDir = fileURLToPath(new URL('./apps/angular/dist/browser/', import.meta.url));
const TYPES: Record<string, string> = { html: HTML, js: JS, css: 'text/css; charset=utf-8' };

let server: TestServer;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  // Built fresh each run (about 10 s): a stale build would test yesterday's SDK.
  await buildWorkspaceApp('@notp/e2e-app-angular');
  const files: Record<string, StaticFile> = {};
  for (const name of await readdir(distDir)) {
    const type = TYPES[name.split('.').pop() ?? ''];
    if (type) files[`/${name}`] = { body: await readFile(`${distDir}${name}`), contentType: type };
  }
  [server, site, browser] = await Promise.all([startTestServer(), serveStatic(files), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const storageOf = (page: Page) => page.evaluate(() => ({ ...window.localStorage }) as Record<string, string>);
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

describe('angular-sdk e2e', () => {
  it('signs in with Observables (signUpOrIn → waitForSession); the initializer restores it on reload; logout clears storage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    const query = new URLSearchParams({ projectId: server.projectId, baseUrl: server.url });
    await page.goto(`${site.url}/?${query}`);

    await page.getByRole('button', { name: 'Sign in with WhatsApp' }).click();
    const link = page.locator('#wa-link');
    await link.waitFor();
    const naturalWidth = await page.locator('#qr').evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(naturalWidth).toBeGreaterThan(20);
    await sendFromSimulator(context, (await link.getAttribute('href')) ?? '', phone);

    await page.locator('#whoami').waitFor();
    const stored = await storageOf(page);
    expect(stored.DS).toBeTruthy();
    expect(stored.DSR).toBeTruthy();
    // The seed's pattern: (success) arrived although the session change had removed <app-sign-in>.
    expect(await page.evaluate(() => window.NOTP_SUCCESS)).toEqual([stored.DS]);
    const userId = JSON.parse(stored.dls_last_user ?? '{}').userId as string;
    expect(JSON.parse(stored.dls_last_user ?? '{}').loginIds).toEqual([phone]);
    await expect.poll(() => text(page, '#whoami')).toBe(`Logged in as ${userId}`);

    // APP_INITIALIZER: zip(refreshSession(), refreshUser()) brings the session back after a reload.
    await page.reload();
    await page.locator('#whoami').waitFor();
    await expect.poll(() => text(page, '#whoami')).toBe(`Logged in as ${userId}`);

    await page.locator('#logout').click();
    await page.getByRole('button', { name: 'Sign in with WhatsApp' }).waitFor();
    const left = await storageOf(page);
    for (const key of ['DS', 'DSR', 'DSLI', 'dls_last_user']) expect(left[key], key).toBeUndefined();
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
