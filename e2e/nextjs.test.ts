// @notp/nextjs-sdk in Chromium: the example app (e2e/apps/nextjs) logs in client-side; the proxy and a Server Component
// read the same session from the DS cookie.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWidget } from './support/loginWithWidget.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';
import { type NextApp, startNextApp } from './support/startNextApp.js';
import { watchPage } from './support/watchPage.js';

let server: TestServer;
let next: NextApp;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  [next, browser] = await Promise.all([startNextApp(server), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await next?.close();
  await server?.close();
});

const storageOf = (page: Page) => page.evaluate(() => ({ ...window.localStorage }) as Record<string, string>);
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

describe('nextjs-sdk e2e', () => {
  it('protects /private until login; logs in with the client hooks; the server sees the DS cookie session; logout', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const phone = testPhone();

    // Not logged in: the proxy sends /private back home.
    await page.goto(`${next.url}/private`);
    await page.waitForURL(`${next.url}/`);

    await page.getByRole('button', { name: 'Sign in with WhatsApp' }).click();
    const link = page.locator('#wa-link');
    await link.waitFor();
    await sendFromSimulator(context, (await link.getAttribute('href')) ?? '', phone);
    await page.locator('#whoami').waitFor();
    const userId = JSON.parse((await storageOf(page)).dls_last_user ?? '{}').userId as string;
    expect(userId).toMatch(/^U/);
    await expect.poll(() => text(page, '#whoami')).toBe(`Logged in as ${userId}`);

    // sessionTokenViaCookie: the session token is a JS cookie the Next server can read.
    const cookie = (await context.cookies(next.url)).find((c) => c.name === 'DS');
    expect(cookie?.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await storageOf(page)).DS).toBeUndefined();

    await page.goto(`${next.url}/private`);
    await page.locator('#server-whoami').waitFor();
    expect(await text(page, '#server-whoami')).toBe(`Server sees ${userId}`);

    await page.goto(`${next.url}/`);
    await page.locator('#whoami').waitFor();
    await page.locator('#logout').click();
    await page.getByRole('button', { name: 'Sign in with WhatsApp' }).waitFor();
    expect((await context.cookies(next.url)).find((c) => c.name === 'DS')).toBeUndefined();
    await page.goto(`${next.url}/private`);
    await page.waitForURL(`${next.url}/`);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("the seed's pattern: <WhatsAppLogin onSuccess> from /client unmounts on login and onSuccess still runs", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${next.url}/seed`);
    await loginWithWidget(page, context, testPhone());
    const cookie = (await context.cookies(next.url)).find((c) => c.name === 'DS');
    expect(cookie?.sameSite).toBe('Lax');
    expect(await page.evaluate(() => window.NOTP_SUCCESS)).toEqual([cookie?.value]);
    // The default cookie is what the proxy and session() read.
    await page.getByRole('link', { name: 'Server-side session page' }).click();
    await page.locator('#server-whoami').waitFor();
    expect(await text(page, '#server-whoami')).toMatch(/^Server sees U/);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
