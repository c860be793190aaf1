// Console Settings, Roles and Activity pages in Chromium: a rename reaches the next login's message, an origin opens
// CORS, a bad value is refused whole, the template preview follows unsaved edits, roles/permissions/tenants are
// managed, the activity charts show the logins made here, and axe finds nothing serious at desktop and phone width.
import { routes } from '@notp/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { seriousAccessibilityViolations } from './support/checkAccessibility.js';
import { launchChromium } from './support/launchChromium.js';
import { openConsole } from './support/openConsole.js';
import { sendFromSimulator, testPhone } from './support/sendFromSimulator.js';

const NEW_ORIGIN = 'https://app.example.com';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  const probe = await fetch(`${server.url}/console/`);
  if (probe.status !== 200) throw new Error('the console is not built: run `node packages/server/console/build.mjs`');
  browser = await launchChromium();
  page = await openConsole(browser, server, '/settings');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const management = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBe(200);
  return (await response.json()) as T;
};
type Project = {
  name: string;
  settings: Record<string, unknown> & { templates?: Record<string, Record<string, string>> };
};
const project = () => management<Project>('GET', routes.mgmt.notpProject);

/** Starts a sign-up-or-in for `phone` through the API, as an app's backend or SDK would; answers its link. */
async function startLogin(phone: string): Promise<string> {
  const response = await fetch(`${server.url}${routes.notp.signUpOrIn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    body: JSON.stringify({ loginId: phone }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { redirectUrl: string }).redirectUrl;
}

const preflight = (origin: string) =>
  fetch(`${server.url}${routes.notp.signUpOrIn}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });

/** Every page at desktop and phone width: no serious or critical axe violation. */
async function expectAccessible(label: string) {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    expect(await seriousAccessibilityViolations(page), `${label} at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('console: Settings', () => {
  it('renames the app (the next login message shows it) and allows a new origin, with one Save', async () => {
    await page.getByLabel('App name').waitFor();
    await expectAccessible('Settings');
    expect((await preflight(NEW_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();

    await page.getByLabel('App name').fill('Acme Rockets');
    const origins = page.getByLabel('Allowed origins');
    await origins.fill(`${await origins.inputValue()}\n${NEW_ORIGIN}`);
    await page.getByRole('spinbutton', { name: 'Logins started per IP address Limit' }).fill('50');
    await page.getByRole('spinbutton', { name: 'Logins started per IP address Window (ms)' }).fill('60000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);

    // The header's project name follows the rename (the session was refreshed).
    await page.getByRole('navigation', { name: 'Console' }).getByText('Acme Rockets').waitFor();
    expect((await project()).name).toBe('Acme Rockets');
    expect((await project()).settings.allowedOrigins).toContain(NEW_ORIGIN);
    expect((await project()).settings.rateLimits).toEqual({ startPerIp: { limit: 50, windowMs: 60_000 } });
    expect(messageOf(await startLogin(testPhone()))).toContain('Acme Rockets');
    expect((await preflight(NEW_ORIGIN)).headers.get('access-control-allow-origin')).toBe(NEW_ORIGIN);
  });

  it('shows the server’s error for an invalid value and changes nothing', async () => {
    const before = await project();
    const lifetime = page.getByLabel('Session lifetime (seconds)');
    const saved = await lifetime.inputValue();
    await lifetime.fill('0');
    await page.getByLabel('Refresh token rotation').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.locator('#settings-result [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/sessionTtlSec.*E908001/);
    expect(await project()).toEqual(before);
    await lifetime.fill(saved);
    await page.getByLabel('Refresh token rotation').uncheck();
  });

  it('previews an edited template before it is saved, then saves it', async () => {
    const chat = page.locator('figure.chat');
    await chat.getByText("You're signed in to Acme Rockets").waitFor();
    await page.getByLabel('Reply: signed-in').fill('Welcome back to {app}, rocketeer!');
    await chat.getByText('Welcome back to Acme Rockets, rocketeer!').waitFor();
    expect((await project()).settings.templates).toBeUndefined();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await project()).settings.templates?.en?.['signed-in'])
      .toBe('Welcome back to {app}, rocketeer!');

    // With the confirmation step on, the conversation opens with the question and its two buttons.
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await page.getByLabel('Confirmation step').check();
    await save.click();
    await chat.getByText("Yes, it's me").waitFor();
    await page.getByLabel('Confirmation step').uncheck();
    await save.click();
    await expect.poll(() => chat.getByText("Yes, it's me").count()).toBe(0);
    expect((await project()).settings.confirmation).toBe(false);
  });
});

describe('console: Roles', () => {
  const row = (section: string, name: string) =>
    page
      .getByRole('table', { name: section })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name }) });

  it('creates a permission, a role with it and a tenant; deletes the role after confirming; keeps console-admin', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('heading', { name: 'Roles', level: 1 }).waitFor();
    await row('Roles', 'console-admin').waitFor();
    await expectAccessible('Roles');

    const newPermission = page.getByRole('form', { name: 'New permission' });
    await newPermission.getByLabel('Permission name').fill('reports:read');
    await newPermission.getByLabel('Permission description').fill('Read the monthly reports');
    await newPermission.getByRole('button', { name: 'Create permission' }).click();
    await row('Permissions', 'reports:read').getByRole('cell', { name: 'Read the monthly reports' }).waitFor();

    const newRole = page.getByRole('form', { name: 'New role' });
    await newRole.getByLabel('Role name').fill('Analyst');
    await newRole.getByLabel('Role description').fill('Reads reports');
    await newRole.getByLabel('reports:read').check();
    await newRole.getByRole('button', { name: 'Create role' }).click();
    await row('Roles', 'Analyst').getByRole('cell', { name: 'reports:read', exact: true }).waitFor();

    const newTenant = page.getByRole('form', { name: 'New tenant' });
    await newTenant.getByLabel('Tenant ID').fill('acme');
    await newTenant.getByLabel('Tenant name').fill('Acme Inc');
    await newTenant.getByRole('button', { name: 'Create tenant' }).click();
    await row('Tenants', 'acme').getByRole('cell', { name: 'Acme Inc' }).waitFor();

    const roles = await management<{ roles: { name: string; permissionNames: string[] }[] }>(
      'GET',
      routes.mgmt.roleAll,
    );
    expect(roles.roles.find((r) => r.name === 'Analyst')?.permissionNames).toEqual(['reports:read']);
    const tenants = await management<{ tenants: { id: string; name: string }[] }>('GET', routes.mgmt.tenantAll);
    expect(tenants.tenants).toContainEqual(expect.objectContaining({ id: 'acme', name: 'Acme Inc' }));

    // The built-in role: marked, no Delete button.
    const admin = row('Roles', 'console-admin');
    await admin.getByText('Built-in', { exact: true }).waitFor();
    expect(await admin.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    // Delete asks first; Cancel keeps the role, the confirmation deletes it.
    await row('Roles', 'Analyst').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Delete the role "Analyst"?').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row('Roles', 'Analyst').count()).toBe(1);
    await row('Roles', 'Analyst').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete role' }).click();
    await expect.poll(() => row('Roles', 'Analyst').count()).toBe(0);
    const after = await management<{ roles: { name: string }[] }>('GET', routes.mgmt.roleAll);
    expect(after.roles.map((r) => r.name)).not.toContain('Analyst');
    expect(after.roles.map((r) => r.name)).toContain('console-admin');
  });
});

describe('console: Activity', () => {
  it('charts the logins made through the simulator, and its funnel reads the numbers', async () => {
    // One login was started by the Settings test and never answered. Now two complete and one fails (wrong sender).
    for (const phone of [testPhone(), testPhone()]) {
      expect(await sendFromSimulator(page.context(), await startLogin(phone), phone)).toContain('Acme Rockets');
    }
    const stranger = testPhone();
    expect((await server.sendWhatsApp(stranger, messageOf(await startLogin(testPhone())))).status).toBe(200);
    // Each instance writes its counts every 5 s; write them now (the same batch write the timer does), until the
    // messages above have all been handled.
    type Funnel = { funnel: { completed: number }; failures: { reason: string; count: number }[] };
    await expect
      .poll(async () => {
        await server.deps.activity?.flush();
        const { funnel, failures } = await management<Funnel>('GET', `${routes.mgmt.notpActivity}?range=hour`);
        return [funnel.completed, failures.reduce((sum, f) => sum + f.count, 0)];
      })
      .toEqual([2, 1]);

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Funnel' }).waitFor();
    expect(await page.locator('figure.chart canvas').count()).toBeGreaterThan(0);
    const funnelRow = (label: string) =>
      page
        .getByRole('table', { name: 'Funnel' })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
        .locator('td.number');
    await expect.poll(async () => (await funnelRow('Started').textContent())?.trim()).toBe('4');
    expect((await funnelRow('Message received').textContent())?.trim()).toMatch(/^3 \(75%; 1 dropped\)$/);
    expect((await funnelRow('Completed').textContent())?.trim()).toMatch(/^2 \(50%; 1 dropped\)$/);
    const failures = page.getByRole('table', { name: 'Failures by reason' });
    expect(await failures.getByRole('row', { name: /Wrong sender/ }).textContent()).toContain('1');
    // The chart's text alternative: caption totals and the hidden table's rows.
    expect(await page.locator('#logins-caption').textContent()).toMatch(
      /4 started, 3 message received, 2 completed, 1 failed/,
    );
    await expectAccessible('Activity');

    await page.getByRole('button', { name: 'Last week' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Last week' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await funnelRow('Started').textContent())?.trim()).toBe('4');
    expect(await page.locator('figure.chart canvas').count()).toBeGreaterThan(0);
  });
});
