// Console Users, a user's page, Keys and Audit log in Chromium against the real server: search, paging, revoking a
// session a real WhatsApp login made, disabling, roles, deleting, rotating the signing key, filtering the audit log,
// and axe-core at desktop and phone width on each page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { AUDIT_EVENT_TYPES } from '../packages/server/src/store/auditPorts.js';
import { seriousAccessibilityViolations } from './support/checkAccessibility.js';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWhatsApp, mgmt } from './support/managementCalls.js';
import { openConsole } from './support/openConsole.js';
import { testPhone } from './support/sendFromSimulator.js';
import { watchPage } from './support/watchPage.js';

let server: TestServer;
let browser: Browser;
let page: Page;

/** Users created for paging: three pages at the console's 25 per page. */
const PAGING_USERS = 60;

/** Waits for the page to get there (the machine may be busy: key generation, other tests); fails after 15 s. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** The rows of the table under the page's section heading `heading`. */
const rowsUnder = (heading: string) =>
  page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: heading }) })
    .locator('tbody tr');

/** Phone "+16505551234" as a person types it: "+1 650 555 1234". */
const spaced = (phone: string) => `${phone.slice(0, 2)} ${phone.slice(2, 5)} ${phone.slice(5, 8)} ${phone.slice(8)}`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('console: users, keys and the audit log', () => {
  const phone = testPhone();
  let login: { userId: string; refreshJwt: string };

  it('finds a user who logged in with WhatsApp by phone and by name, revokes the session, disables, assigns a role', async () => {
    login = await loginWithWhatsApp(server, phone, 'Quokka Phone/1.0');
    expect((await mgmt(server, 'PATCH', '/v1/mgmt/user/patch', { loginId: phone, name: 'Zed Quokka' })).status).toBe(
      200,
    );
    expect(
      (await mgmt(server, 'POST', '/v1/mgmt/role/create', { name: 'support', description: 'Help desk' })).status,
    ).toBe(200);

    page = await openConsole(browser, server, '/users');
    const watch = watchPage(page);
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const search = page.getByLabel('Search users');
    await search.fill(spaced(phone));
    await page.waitForURL(/\/console\/users\?q=/);
    const rows = page.locator('tbody tr');
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Zed Quokka');
    expect(await rows.first().textContent()).toContain(phone);

    await search.fill('quokka');
    await page.waitForURL(/\?q=quokka$/);
    await eventually(() => rows.first().textContent()).toContain(phone);
    expect(await rows.count()).toBe(1);

    await page.getByRole('link', { name: 'Zed Quokka' }).click();
    await page.getByRole('heading', { name: 'Zed Quokka', level: 1 }).waitFor();
    expect(page.url()).toContain(`/console/users/${login.userId}`);
    const sessions = rowsUnder('Active sessions');
    await eventually(() => sessions.count()).toBe(1);
    expect(await sessions.first().textContent()).toContain('Quokka Phone/1.0');
    await eventually(() => rowsUnder('Login history').count()).toBe(1);

    await sessions.first().getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke session' }).click();
    await page.getByText('No active sessions.').waitFor();
    // The server agrees: the login's refresh JWT no longer refreshes, and no session of the user is live.
    const refreshed = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}:${login.refreshJwt}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refreshed.status).toBe(401);
    const listed = await mgmt<{ sessions: { live: boolean }[] }>(
      server,
      'GET',
      `/v1/mgmt/notp/sessions?userId=${login.userId}`,
    );
    expect(listed.body.sessions.filter((session) => session.live)).toEqual([]);

    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('button', { name: 'Enable user' }).waitFor();
    expect(await page.locator('mark.status').first().textContent()).toBe('disabled');
    const loaded = await mgmt<{ user: { status: string; roleNames: string[] } }>(
      server,
      'GET',
      `/v1/mgmt/user?userId=${login.userId}`,
    );
    expect(loaded.body.user.status).toBe('disabled');

    await page.getByLabel('Role to add').selectOption('support');
    await page.getByRole('button', { name: 'Add role' }).click();
    await page.getByRole('button', { name: 'Remove role support' }).waitFor();
    expect(
      (await mgmt<typeof loaded.body>(server, 'GET', `/v1/mgmt/user?userId=${login.userId}`)).body.user.roleNames,
    ).toEqual(['support']);
    await page.getByRole('button', { name: 'Remove role support' }).click();
    await page.getByText('No project roles.').waitFor();

    // "Create user": a phone typed with spaces becomes the E.164 login id; the chosen role is granted.
    const newPhone = testPhone();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByText('Create user').click();
    await page.getByLabel('Phone').fill(spaced(newPhone));
    await page.getByLabel('Name').fill('Ada Created');
    await page.getByRole('checkbox', { name: 'support' }).check();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Ada Created', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Remove role support' }).waitFor();
    const created = await mgmt<{ user: { phone: string; roleNames: string[] } }>(
      server,
      'GET',
      `/v1/mgmt/user?loginId=${encodeURIComponent(newPhone)}`,
    );
    expect(created.body.user).toMatchObject({ phone: newPhone, roleNames: ['support'] });
    expect(watch.problems).toEqual([]);
  });

  it('pages through the search results 25 at a time and deletes a user after confirmation', async () => {
    for (let i = 1; i <= PAGING_USERS; i++) {
      const n = String(i).padStart(2, '0');
      const created = await mgmt(server, 'POST', '/v1/mgmt/user/create', {
        loginId: `pager${n}@example.com`,
        name: `Pager ${n}`,
      });
      expect(created.status).toBe(200);
    }
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByLabel('Search users').fill('pager');
    const status = page.getByRole('status');
    await eventually(() => status.textContent()).toBe('60 users match “pager”.');
    const seen = new Set<string>();
    const rows = page.locator('tbody tr');
    const collect = async () => {
      for (const text of await rows.locator('td:first-child').allTextContents()) seen.add(text);
    };
    await page.getByText('Page 1 of 3').waitFor();
    await collect();
    expect(seen.has('Pager 60')).toBe(true); // newest first
    const firstOfPage1 = await rows.first().textContent();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 3').waitFor();
    await eventually(() => rows.first().textContent()).not.toBe(firstOfPage1);
    await collect();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 3 of 3').waitFor();
    await eventually(() => rows.count()).toBe(PAGING_USERS - 50);
    await collect();
    expect(seen.size).toBe(PAGING_USERS);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    expect(page.url()).toMatch(/\?q=pager&page=3$/);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Page 2 of 3').waitFor();

    await page.getByLabel('Search users').fill('Pager 07');
    await page.getByRole('link', { name: 'Pager 07' }).click();
    await page.getByRole('heading', { name: 'Pager 07', level: 1 }).waitFor();
    const userId = decodeURIComponent(page.url().split('/users/')[1] ?? '');
    await page.getByRole('button', { name: 'Delete user' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect((await mgmt(server, 'GET', `/v1/mgmt/user?userId=${userId}`)).status).toBe(404);
  });

  it('rotates the signing key: the new key is active, the old one retiring, and the JWKS publishes both', async () => {
    const before = await mgmt<{ keys: { kid: string; status: string }[] }>(server, 'GET', '/v1/mgmt/notp/keys');
    const oldKid = before.body.keys.find((key) => key.status === 'active')?.kid ?? '';
    expect(oldKid).not.toBe('');
    await page.getByRole('link', { name: 'Keys', exact: true }).click();
    await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
    const row = (kid: string) => page.locator('tbody tr').filter({ hasText: kid });
    await eventually(() => row(oldKid).textContent()).toContain('active');
    await page.getByRole('button', { name: 'Rotate signing key' }).click();
    await page.getByRole('button', { name: 'Rotate now' }).click();
    await eventually(() => row(oldKid).textContent()).toContain('retiring');
    const after = await mgmt<{ keys: { kid: string; status: string }[] }>(server, 'GET', '/v1/mgmt/notp/keys');
    const newKid = after.body.keys.find((key) => key.status === 'active')?.kid ?? '';
    expect(newKid).not.toBe(oldKid);
    expect(await row(newKid).textContent()).toContain('active');
    const jwks = (await (await fetch(`${server.url}/v2/keys/${server.projectId}`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([newKid, oldKid].sort());
  });

  it('the audit log shows the revoke and the rotation, newest first, and filters by type and user', async () => {
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const types = page.locator('tbody tr td:nth-child(2)');
    // Newest first, 50 at a time: the rotation leads; the revoke came before the 60 users were made, on page 2.
    await eventually(() => types.count()).toBe(50);
    expect((await types.allTextContents())[0]).toBe('key-rotated');
    // A console signed in with the management key acts as the management key.
    expect(await page.locator('tbody tr').first().locator('td:nth-child(4)').textContent()).toBe('management key');
    expect(await types.allTextContents()).not.toContain('session-revoked');
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(async () => (await types.allTextContents()).includes('session-revoked')).toBe(true);
    const times = await page
      .locator('tbody tr time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThan(50);
    expect([...times].sort().reverse()).toEqual(times);
    const options = await page
      .getByLabel('Event type')
      .locator('option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    for (const type of AUDIT_EVENT_TYPES) expect(options).toContain(type);

    await page.getByLabel('Event type').selectOption('session-revoked');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/type=session-revoked/);
    await eventually(async () => [...new Set(await types.allTextContents())]).toEqual(['session-revoked']);
    const revoked = page.locator('tbody tr').first();
    expect(await revoked.getByRole('link').first().textContent()).toBe(login.userId);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('User id').fill(login.userId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/userId=/);
    await eventually(async () => new Set(await types.allTextContents()).has('signup')).toBe(true);
    const users = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(users)).toEqual(new Set([login.userId]));

    // The time range, in the browser's local time: everything happened in the last hour.
    const localTime = (offsetMs: number) =>
      page.evaluate((offset) => {
        const at = new Date(Date.now() + offset);
        return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      }, offsetMs);
    const status = page.getByRole('status');
    await page.getByLabel('To').fill(await localTime(-3_600_000));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => status.textContent()).toBe('No events match these filters.');
    await page.getByLabel('To').fill('');
    await page.getByLabel('From').fill(await localTime(-3_600_000));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => status.textContent()).not.toBe('No events match these filters.');
    expect(new Set(await page.locator('tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set([login.userId]));
  });

  it('names the console admin who signed in with WhatsApp as the actor of what they did', async () => {
    const adminPhone = testPhone();
    const made = await mgmt(server, 'POST', '/v1/mgmt/user/create', {
      loginId: adminPhone,
      phone: adminPhone,
      name: 'Ada Admin',
      roleNames: ['console-admin'],
    });
    expect(made.status).toBe(200);
    const admin = await loginWithWhatsApp(server, adminPhone, 'Admin Phone/1.0');
    // What the console's "Continue with WhatsApp" does with the session JWT of that sign-in.
    const signedIn = await fetch(`${server.url}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: server.projectId, sessionJwt: admin.sessionJwt }),
    });
    expect(signedIn.status).toBe(200);
    const [name = '', value = ''] = (signedIn.headers.getSetCookie()[0] ?? '').split(';')[0]?.split('=') ?? [];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    const adminPage = await context.newPage();
    await adminPage.goto(`${server.url}/console/users/${login.userId}`);
    await adminPage.getByRole('button', { name: 'Enable user' }).click();
    await adminPage.getByRole('button', { name: 'Disable user' }).waitFor();
    await adminPage.goto(`${server.url}/console/audit?type=management`);
    const first = adminPage.locator('tbody tr').first();
    await first.waitFor();
    expect(await first.locator('td:nth-child(4)').textContent()).toBe(admin.userId);
    expect(await first.locator('td:nth-child(6)').textContent()).toContain('/v1/mgmt/user/update/status');
    await context.close();
  });

  it('axe-core finds no serious or critical violation on each page, at desktop and phone width', async () => {
    const paths = ['/users', `/users/${login.userId}`, '/keys', '/audit'];
    for (const size of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (const path of paths) {
        await page.goto(`${server.url}/console${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
        // Wide tables scroll inside their box; the page itself never scrolls sideways.
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ size: size.width, path, violations: await seriousAccessibilityViolations(page), pageWidth }).toEqual({
          size: size.width,
          path,
          violations: [],
          pageWidth: size.width,
        });
      }
    }
  });
});
