// The console's sign-in in Chromium (one server): an admin signs in with WhatsApp through the simulator and logs out,
// a non-admin is refused with the message, the management key signs in, and axe-core passes the sign-in page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { seriousAccessibilityViolations } from './support/checkAccessibility.js';
import { launchChromium } from './support/launchChromium.js';
import { openConsole } from './support/openConsole.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ NOTP_APP_NAME: 'Console Test' });
  const probe = await fetch(`${server.url}/console/`);
  if (probe.status !== 200) throw new Error('the console is not built: run `npm run build` before the e2e tests');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A user with a verified phone, created with the management API (as `notp users create --roles …` does). */
async function createUser(phone: string, roleNames: string[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/mgmt/user/create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ loginId: phone, phone, verifiedPhone: true, roleNames }),
  });
  expect(res.status).toBe(200);
}

async function signInPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByRole('button', { name: 'Continue with WhatsApp' }).waitFor();
  return { context, page };
}

/** Clicks "Continue with WhatsApp", checks the QR code and answers the simulator link the page shows. */
async function startWhatsApp(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Continue with WhatsApp' }).click();
  const link = page.getByRole('link', { name: 'Open the WhatsApp simulator' });
  await link.waitFor();
  const qr = page.getByRole('img', { name: /QR code/ });
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const href = (await link.getAttribute('href')) ?? '';
  expect(href.startsWith(`${server.url}/simulator/`)).toBe(true);
  return href;
}

describe('console sign-in (Chromium)', () => {
  it('an admin signs in with WhatsApp through the simulator, sees the console, and logs out', async () => {
    const phone = testPhone();
    await createUser(phone, ['console-admin']);
    const { context, page } = await signInPage();
    try {
      const href = await startWhatsApp(page);
      await sendFromSimulator(context, href, phone);
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Console' }).textContent()).toContain('Console Test');
      // The session JWT was exchanged, not kept: no token in the page's storage (the simulator keeps its "from").
      const stored = await page.evaluate(() => Object.keys(localStorage));
      expect(stored.filter((key) => ['DS', 'DSR', 'DSLI'].includes(key) || /token|jwt|user/i.test(key))).toEqual([]);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Continue with WhatsApp' }).waitFor();
      const after = await page.evaluate(() => fetch('/console/api/session').then((r) => r.status));
      expect(after).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('a user without the console-admin role is refused with the message', async () => {
    const phone = testPhone();
    await createUser(phone, []);
    const { context, page } = await signInPage();
    try {
      await sendFromSimulator(context, await startWhatsApp(page), phone);
      await page.getByText('This account is not an administrator of this project.').waitFor();
      expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('the management key signs in; Log out returns to the sign-in screen', async () => {
    const page = await openConsole(browser, server);
    try {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Continue with WhatsApp' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('axe-core finds no serious or critical violation on the sign-in page, before and while waiting', async () => {
    const { context, page } = await signInPage();
    try {
      await page.getByText('Sign in with a management key').click();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await startWhatsApp(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
