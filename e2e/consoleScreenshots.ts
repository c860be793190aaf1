// consoleScreenshots (`npm run screenshots`): every console page over a seeded project, saved under docs/screenshots/
// (desktop width, and the Users page at phone width) for docs/console.md and the README.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type ManualClock, manualClock, messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWhatsApp, mgmt } from './support/managementCalls.js';
import { sendFromSimulator } from './support/sendFromSimulator.js';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const ADMIN_PHONE = '+14155550100';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';
const FIRST = ['Ana', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Fatima', 'Giulia', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lucas'];
const LAST = ['Silva', 'Okafor', 'Nakamura', 'Rossi', 'Haddad', 'Müller'];

/**
 * A project that looks used: an admin, a few dozen users, roles, a tenant, real logins spread over the last hour (the
 * server's clock is moved forward between them, so the activity chart has a shape), failed logins, a rotated key.
 */
async function seed(server: TestServer, clock: ManualClock): Promise<string> {
  const must = async (path: string, body: unknown, method = 'POST') => {
    const res = await mgmt(server, method, path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await must('/v1/mgmt/user/create', {
    loginId: ADMIN_PHONE,
    phone: ADMIN_PHONE,
    verifiedPhone: true,
    name: 'Ana Admin',
    roleNames: ['console-admin'],
  });
  await must('/v1/mgmt/permission/create', { name: 'orders:read', description: 'See orders' });
  await must('/v1/mgmt/permission/create', { name: 'orders:refund', description: 'Refund an order' });
  await must('/v1/mgmt/role/create', {
    name: 'support',
    description: 'Customer support',
    permissionNames: ['orders:read', 'orders:refund'],
  });
  await must('/v1/mgmt/tenant/create', { id: 'acme-eu', name: 'Acme Europe' });
  for (let i = 0; i < 30; i++) {
    const phone = `+1415555${String(2000 + i).padStart(4, '0')}`;
    const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    await must('/v1/mgmt/user/create', {
      loginId: phone,
      phone,
      email,
      name,
      verifiedPhone: true,
      verifiedEmail: i % 3 === 0,
    });
  }
  await must('/v1/mgmt/user/update/status', { loginId: '+14155552003', status: 'disabled' });
  const { userId } = await loginWithWhatsApp(server, '+14155552001', IPHONE_UA);
  await must('/v2/mgmt/user/update/role/add', { loginId: '+14155552001', roleNames: ['support'] });
  await must('/v1/mgmt/user/update/tenant/add', { loginId: '+14155552001', tenantId: 'acme-eu' });
  for (let i = 0; i < 24; i++) {
    clock.advance(((i * 7) % 5) * 20_000 + 100_000);
    await loginWithWhatsApp(server, `+1415555${String(2004 + (i % 20)).padStart(4, '0')}`, IPHONE_UA);
    // Every fifth login someone else sends the message: a sign-in refused as the wrong sender.
    if (i % 5 === 2) await wrongSender(server);
  }
  clock.advance(Date.now() - clock.now());
  await must('/v1/mgmt/notp/keys/rotate', {});
  await server.deps.activity?.flush();
  return userId;
}

/** A sign-in for one phone whose WhatsApp message comes from another: the login fails (wrong sender). */
async function wrongSender(server: TestServer): Promise<void> {
  const started = await fetch(`${server.url}/v1/auth/notp/whatsapp/signin`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    body: JSON.stringify({ loginId: '+14155552010' }),
  });
  const { redirectUrl } = (await started.json()) as { redirectUrl: string };
  await server.sendWhatsApp('+14155559999', messageOf(redirectUrl));
}

async function shoot(page: Page, name: string, ready: () => Promise<unknown>, fullPage = true): Promise<void> {
  await ready();
  await page.screenshot({ path: `${outDir}${name}.png`, fullPage, animations: 'disabled' });
  process.stdout.write(`saved ${outDir}${name}.png\n`);
}

async function run(browser: Browser, server: TestServer, userId: string): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await shoot(page, 'console-sign-in', () => page.getByRole('button', { name: 'Continue with WhatsApp' }).waitFor());
  await page.getByRole('button', { name: 'Continue with WhatsApp' }).click();
  const link = page.getByRole('link', { name: 'Open the WhatsApp simulator' });
  await link.waitFor();
  await sendFromSimulator(context, (await link.getAttribute('href')) ?? '', ADMIN_PHONE);
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  const visit = async (path: string, name: string, ready: () => Promise<unknown>) => {
    await page.goto(`${server.url}/console${path}`);
    await shoot(page, name, ready);
  };
  await visit('/users', 'console-users', () => page.getByRole('link', { name: 'Fatima Müller' }).first().waitFor());
  await visit(`/users/${userId}`, 'console-user', () => page.getByRole('button', { name: 'Revoke' }).first().waitFor());
  // The settings page is long and its Save bar sticks to the bottom of the window: two window-sized pictures.
  await page.goto(`${server.url}/console/settings`);
  const preview = page.getByRole('list', { name: 'Conversation preview' }).getByText('Acme Shop').first();
  await shoot(page, 'console-settings', () => preview.waitFor(), false);
  await page.getByRole('heading', { name: 'Message templates' }).evaluate((heading) => heading.scrollIntoView());
  await shoot(page, 'console-templates', () => preview.waitFor(), false);
  await visit('/roles', 'console-roles', () => page.getByText('Customer support').first().waitFor());
  await visit('/keys', 'console-keys', () => page.getByRole('button', { name: 'Rotate signing key' }).waitFor());
  await visit('/activity', 'console-activity', () => page.locator('canvas').first().waitFor());
  await visit('/audit', 'console-audit', () => page.getByRole('cell', { name: 'key-rotated' }).first().waitFor());

  await page.setViewportSize(PHONE);
  await visit('/users', 'console-users-phone', () =>
    page.getByRole('link', { name: 'Fatima Müller' }).first().waitFor(),
  );
  await context.close();
}

const clock = manualClock(Date.now() - 62 * 60_000);
const server = await startTestServer({ NOTP_APP_NAME: 'Acme Shop' }, { clock });
const browser = await launchChromium();
try {
  const probe = await fetch(`${server.url}/console/`);
  if (probe.status !== 200) throw new Error('the console is not built: run `npm run build` first');
  await mkdir(outDir, { recursive: true });
  await run(browser, server, await seed(server, clock));
} finally {
  await browser.close();
  await server.close();
}
