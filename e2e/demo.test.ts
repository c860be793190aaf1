// The demo's seed pages in Chromium: sign up → QR → simulator → logged in; reload, auto refresh, logout; the React page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { launchChromium } from './support/launchChromium.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';
import { watchPage } from './support/watchPage.js';

/** Session JWTs live 5 s here, so the SDK's automatic refresh (half-way for short sessions) shows within seconds. */
const SESSION_TTL_SEC = 5;
const SESSION_KEYS = ['DS', 'DSR', 'DSLI'];
const LAST_USER_KEYS = ['dls_last_user_login_id', 'dls_last_user_display_name', 'dls_last_user'];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ NOTP_SESSION_TTL: String(SESSION_TTL_SEC) });
  const probe = await fetch(`${server.url}/demo/`);
  if (probe.status !== 200) throw new Error('the demo is not built: run `npm run build` before the e2e tests');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

const storageOf = (page: Page) => page.evaluate(() => ({ ...window.localStorage }) as Record<string, string>);
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();
const expOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')).exp;

/** On the QR page: the QR image really decoded, and the link the user would open. */
async function qrPageLink(page: Page): Promise<string> {
  await page.waitForURL(/\/demo\/notpDisplay\/\?image=/);
  await page.locator('#qr').waitFor({ state: 'visible' });
  const width = await page.locator('#qr').evaluate((img) => (img as HTMLImageElement).naturalWidth);
  expect(width).toBeGreaterThan(20);
  const href = await page.locator('#textLink').getAttribute('href');
  expect(href).toMatch(new RegExp(`^${server.url}/simulator/chat\\?text=`));
  return href ?? '';
}

describe('demo: the seed pages over the UMD bundle', () => {
  it('signs up: QR page → simulator → logged-in page; reload keeps the session; it refreshes by itself; logout clears it', async () => {
    const { context, page } = await newPage();
    const watch = watchPage(page);
    const phone = testPhone();

    await page.goto(`${server.url}/demo/signUp.html`);
    await page.fill('#name', 'Joe Person');
    await page.fill('#phone', phone);
    await page.fill('#email', 'Joe@Example.com');
    await page.getByRole('button', { name: 'Sign up with WhatsApp' }).click();

    const link = await qrPageLink(page);
    const reply = await sendFromSimulator(context, link, phone);
    expect(reply.length).toBeGreaterThan(0);

    // waitForSession resolved: the seed's page goes to loggedIn.html, which shows the user from the SDK.
    await page.waitForURL(/\/demo\/loggedIn\.html/);
    await page.locator('#signedIn').waitFor({ state: 'visible' });
    expect(await text(page, '#userName')).toBe('Joe Person');
    expect(await text(page, '#userLoginId')).toBe(phone);
    expect(await text(page, '#userPhone')).toBe(phone);
    expect(await text(page, '#userEmail')).toBe('joe@example.com');
    // The seed passes the session JWT in the URL; the page takes it out of the address bar and history.
    expect(new URL(page.url()).search).toBe('');
    const stored = await storageOf(page);
    for (const key of [...SESSION_KEYS, ...LAST_USER_KEYS]) expect(stored[key], key).toBeTruthy();
    expect(JSON.parse(stored.dls_last_user ?? '{}')).toMatchObject({ name: 'Joe Person', phone });

    // persistTokens: a reload (a new SDK instance) is still logged in.
    await page.reload();
    await page.locator('#signedIn').waitFor({ state: 'visible' });
    expect(await text(page, '#userLoginId')).toBe(phone);

    // autoRefresh: with nobody touching the page, a new session token replaces the current one before it expires.
    const before = (await storageOf(page)).DS ?? '';
    expect(before).not.toBe('');
    await page.waitForFunction((old) => !!localStorage.getItem('DS') && localStorage.getItem('DS') !== old, before, {
      timeout: SESSION_TTL_SEC * 3_000,
    });
    const after = (await storageOf(page)).DS ?? '';
    expect(expOf(after)).toBeGreaterThan(expOf(before));

    // Logout: storage is cleared (keepLastAuthenticatedUserAfterLogout is off) and the server revoked the session.
    const refreshJwt = (await storageOf(page)).DSR ?? '';
    await page.getByRole('button', { name: 'Logout' }).click();
    await page.locator('#signedOut').waitFor({ state: 'visible' });
    expect(await text(page, '#signedOutTitle')).toBe("You're logged out");
    const left = await storageOf(page);
    for (const key of [...SESSION_KEYS, ...LAST_USER_KEYS]) expect(left[key], key).toBeUndefined();
    expect(await page.locator('#lastUser').isHidden()).toBe(true);
    const refresh = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}:${refreshJwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refresh.status).toBe(401);

    // Logged out, a reload stays logged out.
    await page.reload();
    await page.locator('#signedOut').waitFor({ state: 'visible' });
    expect(watch.problems).toEqual([]);
    expect(watch.alerts).toEqual([]);
  });

  it('signs in an existing user, and shows the seed alert when signing up a phone that is taken', async () => {
    const phone = testPhone();
    const created = await fetch(`${server.url}/v1/mgmt/user/create`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectId}:${server.managementKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ loginId: phone, phone, name: 'Ana Existing' }),
    });
    expect(created.status).toBe(200);

    const { context, page } = await newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/demo/signUp.html`);
    await page.fill('#phone', phone);
    await page.getByRole('button', { name: 'Sign up with WhatsApp' }).click();
    await expect.poll(() => watch.alerts.length).toBe(1);
    expect(watch.alerts[0]).toContain('Failed to initialize signup flow');
    expect(watch.alerts[0]).toContain('Error Code: E062107');
    expect(page.url()).toBe(`${server.url}/demo/signUp.html`);

    await page.goto(`${server.url}/demo/signIn.html`);
    await page.fill('#phone', phone);
    await page.getByRole('button', { name: 'Sign in with WhatsApp' }).click();
    await sendFromSimulator(context, await qrPageLink(page), phone);
    await page.locator('#signedIn').waitFor({ state: 'visible' });
    expect(await text(page, '#userName')).toBe('Ana Existing');
    expect(await text(page, '#userLoginId')).toBe(phone);
    expect(watch.problems).toEqual([]);
  });

  it("signs up or in with an empty phone: the WhatsApp sender's number becomes the login id", async () => {
    const { context, page } = await newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    await page.goto(`${server.url}/demo/signUpOrIn.html`);
    await page.getByRole('button', { name: 'Continue with WhatsApp' }).click();
    await sendFromSimulator(context, await qrPageLink(page), phone);
    await page.locator('#signedIn').waitFor({ state: 'visible' });
    expect(await text(page, '#userLoginId')).toBe(phone);
    expect(watch.problems).toEqual([]);
  });

  it('the QR page shows only a base64 image and an http(s) link, whatever its URL says', async () => {
    const { page } = await newPage();
    const watch = watchPage(page);
    const query = new URLSearchParams({
      image: '"><script>alert(1)</script>',
      redirectUrl: 'javascript:alert(document.domain)',
      pendingRef: '',
    });
    await page.goto(`${server.url}/demo/notpDisplay/?${query}`);
    await page.locator('#status.done').waitFor();
    expect(await page.locator('#qr').isHidden()).toBe(true);
    expect(await page.locator('#link').isHidden()).toBe(true);
    expect(await page.locator('#textLink').getAttribute('href')).toBe('#qr');
    expect(watch.alerts).toEqual([]);
    expect(watch.problems).toEqual([]);
  });
});

describe('demo: the React page', () => {
  it('logs in with <WhatsAppLogin>, shows the user from useUser(), and logs out', async () => {
    const { context, page } = await newPage();
    const watch = watchPage(page);
    const phone = testPhone();
    await page.goto(`${server.url}/demo/react/`);
    const link = page.locator('notp-whatsapp-login a.link');
    await link.waitFor({ state: 'visible' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${server.url}/simulator/chat\\?text=`));
    const qrWidth = await page
      .locator('notp-whatsapp-login img.qr')
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(qrWidth).toBeGreaterThan(20);

    await sendFromSimulator(context, href, phone);
    await page.locator('#userLoginId').waitFor();
    expect(await text(page, '#userLoginId')).toBe(phone);
    expect((await storageOf(page)).DSR).toBeTruthy();

    await page.reload();
    await page.locator('#userLoginId').waitFor();
    expect(await text(page, '#userPhone')).toBe(phone);

    await page.getByRole('button', { name: 'Logout' }).click();
    await page.locator('notp-whatsapp-login').waitFor();
    expect((await storageOf(page)).DSR).toBeUndefined();
    expect(watch.problems).toEqual([]);
  });
});
