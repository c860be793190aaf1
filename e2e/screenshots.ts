// screenshots (`npm run screenshots`): the demo's QR page and logged-in page, saved under docs/screenshots/ for the README.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '@notp/test-utils/server';
import { launchChromium } from './support/launchChromium.js';
import { sendFromSimulator } from './support/sendFromSimulator.js';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
/** A phone-sized viewport at 2× scale: the pages are mobile-first, and the QR must look sharp in the README. */
const VIEWPORT = { width: 420, height: 600 };
const PHONE = '+16505551234';

const server = await startTestServer();
const browser = await launchChromium();
try {
  const probe = await fetch(`${server.url}/demo/`);
  if (probe.status !== 200) throw new Error('the demo is not built: run `npm run build` first');
  await mkdir(outDir, { recursive: true });
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2 });
  const page = await context.newPage();

  await page.goto(`${server.url}/demo/signUp.html`);
  await page.fill('#name', 'Joe Person');
  await page.fill('#phone', PHONE);
  await page.fill('#email', 'joe@example.com');
  await page.getByRole('button', { name: 'Sign up with WhatsApp' }).click();
  await page.waitForURL(/\/demo\/notpDisplay\/\?image=/);
  await page.locator('#qr').waitFor({ state: 'visible' });
  await page.screenshot({ path: `${outDir}demo-qr.png`, fullPage: true, animations: 'disabled' });

  const link = (await page.locator('#textLink').getAttribute('href')) ?? '';
  await sendFromSimulator(context, link, PHONE);
  await page.locator('#signedIn').waitFor({ state: 'visible' });
  await page.screenshot({ path: `${outDir}demo-logged-in.png`, fullPage: true, animations: 'disabled' });
  process.stdout.write(`saved ${outDir}demo-qr.png and ${outDir}demo-logged-in.png\n`);
} finally {
  await browser.close();
  await server.close();
}
