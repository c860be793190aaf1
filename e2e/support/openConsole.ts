// openConsole: a Chromium page signed in to the admin console of the test server, with the management key.
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../packages/server/test/harness.js';

/**
 * Opens /console/ in a fresh browser context and signs in through the page's own "Sign in with a management key"
 * form, as an operator setting up a project would; answers once the signed-in shell (its "Log out" button) shows.
 * Each call is a new context (its own cookie jar), so two calls are two separate admins.
 */
export async function openConsole(browser: Browser, server: TestServer, path = '/'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console${path}`);
  await page.getByText('Sign in with a management key').click();
  await page.getByLabel('Management key').fill(server.managementKey);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return page;
}
