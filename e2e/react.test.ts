// @notp/react-sdk in Chromium: a minimal app on its own origin logs in with <WhatsAppLogin> against the real server.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { hostTestApp } from './support/hostTestApp.js';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWidget } from './support/loginWithWidget.js';
import { testPhone } from './support/sendFromSimulator.js';
import type { StaticSite } from './support/StaticSite.js';
import { watchPage } from './support/watchPage.js';

let server: TestServer;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  site = await hostTestApp('react', server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const storageOf = (page: Page) => page.evaluate(() => ({ ...window.localStorage }) as Record<string, string>);
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

describe('react-sdk e2e', () => {
  it('logs in cross-origin; a reload keeps the session; logout keeps the last user when asked to', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    await page.goto(`${site.url}/?keepLastUser`);
    const link = await loginWithWidget(page, context, phone);
    expect(link.startsWith(`${server.url}/simulator/chat?text=`)).toBe(true);
    expect(await text(page, '#user-login-id')).toBe(phone);
    const stored = await storageOf(page);
    expect(stored.DS).toBeTruthy();
    expect(stored.DSR).toBeTruthy();
    expect(await text(page, '#session-token-tail')).toBe(stored.DS?.slice(-24));
    // onSuccess ran once with the session, although the session change had unmounted the login (the seed's pattern).
    expect(await page.evaluate(() => window.NOTP_SUCCESS)).toEqual([stored.DS]);

    await page.reload();
    await page.locator('#account').waitFor();
    expect(await text(page, '#user-login-id')).toBe(phone);

    await page.getByRole('button', { name: 'Logout' }).click();
    await page.locator('#login').waitFor();
    const left = await storageOf(page);
    for (const key of ['DS', 'DSR', 'DSLI']) expect(left[key], key).toBeUndefined();
    expect(JSON.parse(left.dls_last_user ?? '{}').loginIds).toEqual([phone]);
    expect(left.dls_last_user_login_id).toBe(phone);
    expect(await text(page, '#last-user')).toBe(`Welcome back, ${phone}`);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('sessionTokenViaCookie: the session token is a DS cookie on the app origin, not in localStorage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    await page.goto(`${site.url}/?cookie`);
    await loginWithWidget(page, context, phone);

    const cookie = (await context.cookies(site.url)).find((c) => c.name === 'DS');
    expect(cookie?.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cookie?.httpOnly).toBe(false);
    expect(cookie?.sameSite).toBe('Strict');
    const stored = await storageOf(page);
    expect(stored.DS).toBeUndefined();
    expect(stored.DSR).toBeTruthy();
    expect(await text(page, '#session-token-tail')).toBe(cookie?.value.slice(-24));

    await page.reload();
    await page.locator('#account').waitFor();
    expect(await text(page, '#user-login-id')).toBe(phone);

    await page.getByRole('button', { name: 'Logout' }).click();
    await page.locator('#login').waitFor();
    expect((await context.cookies(site.url)).find((c) => c.name === 'DS')).toBeUndefined();
    // keepLastAuthenticatedUserAfterLogout is off here: the last user goes too.
    expect((await storageOf(page)).dls_last_user).toBeUndefined();
    expect(await page.locator('#last-user').count()).toBe(0);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
