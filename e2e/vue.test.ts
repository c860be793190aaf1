// @notp/vue-sdk in Chromium: a minimal runtime-build app on its own origin logs in with <WhatsAppLogin>.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { hostTestApp } from './support/hostTestApp.js';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWidget } from './support/loginWithWidget.js';
import { testPhone } from './support/sendFromSimulator.js';
import type { StaticSite } from './support/StaticSite.js';
import { watchPage } from './support/watchPage.js';

/** Short sessions, so the automatic refresh shows within seconds. */
const SESSION_TTL_SEC = 5;

let server: TestServer;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ NOTP_SESSION_TTL: String(SESSION_TTL_SEC) });
  site = await hostTestApp('vue', server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const storageOf = (page: Page) => page.evaluate(() => ({ ...window.localStorage }) as Record<string, string>);
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

describe('vue-sdk e2e', () => {
  it('logs in cross-origin; a reload keeps the session; useSession follows the automatic refresh; logout clears storage', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    await page.goto(site.url);
    await loginWithWidget(page, context, phone);
    expect(await text(page, '#user-login-id')).toBe(phone);
    // @success ran once with the session, although the session change had unmounted the login (the seed's pattern).
    expect(await page.evaluate(() => window.NOTP_SUCCESS)).toEqual([(await storageOf(page)).DS]);

    await page.reload();
    await page.locator('#account').waitFor();
    expect(await text(page, '#user-login-id')).toBe(phone);

    // The refresh timer replaces the token without any user action, and the rendered session ref follows it.
    const before = await text(page, '#session-token-tail');
    expect(before).toBe((await storageOf(page)).DS?.slice(-24));
    await page.waitForFunction(
      (old) => {
        const shown = document.getElementById('session-token-tail')?.textContent ?? '';
        return shown !== '' && shown !== old;
      },
      before,
      { timeout: SESSION_TTL_SEC * 3_000 },
    );
    expect(await text(page, '#session-token-tail')).toBe((await storageOf(page)).DS?.slice(-24));

    await page.getByRole('button', { name: 'Logout' }).click();
    await page.locator('#login').waitFor();
    const left = await storageOf(page);
    for (const key of ['DS', 'DSR', 'DSLI', 'dls_last_user', 'dls_last_user_login_id']) {
      expect(left[key], key).toBeUndefined();
    }
    expect(await page.locator('#last-user').count()).toBe(0);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
