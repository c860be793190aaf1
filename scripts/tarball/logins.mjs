// Logs in through the simulator in headless Chromium in each tarball app, and reports each check as passed or failed.
import { chromium } from 'playwright-core';

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

let line = Math.floor(Math.random() * 9000);
const nextPhone = () => `+1650555${String(1000 + (line++ % 9000)).padStart(4, '0')}`;

/** What the user does on the phone: open the login link (the simulator's chat page), "Send as" `phone`, press Send. */
async function sendFromSimulator(context, href, phone) {
  const chat = await context.newPage();
  try {
    await chat.goto(href);
    await chat.locator('input[type="tel"]').fill(phone);
    await chat.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.locator('.bubble.in').first().waitFor({ timeout: 15_000 });
  } finally {
    await chat.close();
  }
}

const text = async (page, selector) => ((await page.locator(selector).textContent()) ?? '').trim();

/**
 * Runs every app's login. `apps`: `{ name, url, start, link, onSuccess, api, serverPage }` where `start` is a button to
 * press first (if any), `link` the selector of the login link, `onSuccess` says the app records its success callback in `window.onSuccessLoginId`, `api` that it shows
 * what the Express backend's validateSession saw, `serverPage` a path a Server Component renders the session on.
 * Returns `[{ name, ok, detail }]`, one entry per check.
 */
export async function loginEverywhere(apps, { chromiumPath }) {
  const results = [];
  const check = (name, ok, detail = '') => results.push({ name, ok, detail });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
  try {
    for (const app of apps) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(String(err)));
      const phone = nextPhone();
      try {
        await page.goto(app.url);
        if (app.start) await page.locator(app.start).click();
        const link = page.locator(app.link);
        await link.waitFor({ state: 'visible', timeout: 30_000 });
        const href = (await link.getAttribute('href')) ?? '';
        await sendFromSimulator(context, href, phone);
        await page.locator('#account').waitFor({ timeout: 30_000 });
        const shown = await text(page, '#login-id');
        check(`${app.name}: logs in through the simulator`, shown === phone, `shows "${shown}", expected ${phone}`);
        if (app.api) {
          await page.waitForFunction(() => (document.getElementById('api-user')?.textContent ?? '') !== '');
          const seen = await text(page, '#api-user');
          check(
            `${app.name}: Express validateSession accepts the session`,
            /^U\w+/.test(seen),
            `backend said "${seen}"`,
          );
        }
        if (app.onSuccess) {
          const called = await page.evaluate(() => window.onSuccessLoginId ?? null);
          check(
            `${app.name}: onSuccess runs in the conditional-render pattern`,
            called === phone,
            called === null ? 'onSuccess was never called' : `onSuccess saw "${called}"`,
          );
        }
        if (app.serverPage) {
          await page.goto(new URL(app.serverPage, app.url).href);
          const sub = await text(page, '#server-user');
          check(
            `${app.name}: proxy + session() see the session on the server`,
            /^U\w+/.test(sub),
            `server page: "${sub}"`,
          );
        }
        check(`${app.name}: no page errors`, problems.length === 0, problems.join('\n'));
      } catch (err) {
        // The login element shows why it stopped (e.g. it started before it was given the app's SDK).
        const status = await page
          .evaluate(
            () => document.querySelector('notp-whatsapp-login')?.shadowRoot?.querySelector('.status')?.textContent,
          )
          .catch(() => undefined);
        const why = status ? `the login element says: ${status}\n` : '';
        check(`${app.name}: logs in through the simulator`, false, `${why}${err instanceof Error ? err.message : err}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
