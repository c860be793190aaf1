// @notp/login-element from one <script>: a plain HTML page on its own origin loads /sdk/login-element.js from the
// server, and <notp-whatsapp-login> logs in (the web SDK is inside the bundle).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { launchChromium } from './support/launchChromium.js';
import { loginWithWidget } from './support/loginWithWidget.js';
import { testPhone } from './support/sendFromSimulator.js';
import { HTML, type StaticSite, serveStatic } from './support/StaticSite.js';
import { watchPage } from './support/watchPage.js';

let server: TestServer;
let site: StaticSite;
let browser: Browser;

const page = (server: TestServer) => `<!doctype html>
<html>
  <head><title>notp login element</title></head>
  <body>
    <script src="${server.url}/sdk/login-element.js"></script>
    <notp-whatsapp-login project-id="${server.projectId}" base-url="${server.url}"></notp-whatsapp-login>
    <p id="account" hidden></p>
    <script>
      document.querySelector('notp-whatsapp-login').addEventListener('success', (event) => {
        const account = document.getElementById('account');
        account.textContent = event.detail.sessionJwt;
        account.hidden = false;
      });
    </script>
  </body>
</html>`;

beforeAll(async () => {
  server = await startTestServer();
  [site, browser] = await Promise.all([
    serveStatic({ '/index.html': { body: page(server), contentType: HTML } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

describe('login element bundle', () => {
  it('one <script> defines <notp-whatsapp-login>, which logs in and dispatches success with the session', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const watch = watchPage(tab);
    await tab.goto(site.url);
    expect(await tab.evaluate(() => typeof customElements.get('notp-whatsapp-login'))).toBe('function');
    await loginWithWidget(tab, context, testPhone());
    const jwt = (await tab.locator('#account').textContent()) ?? '';
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The element's own SDK stored the session (persistTokens by default) on the page's origin.
    expect(await tab.evaluate(() => localStorage.getItem('DS'))).toBe(jwt);
    expect(await tab.locator('notp-whatsapp-login').getAttribute('state')).toBe('success');
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
