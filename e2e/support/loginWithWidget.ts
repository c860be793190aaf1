// loginWithWidget: logs in through <notp-whatsapp-login> on an app page: read its link, "send" from the phone, wait.
import type { BrowserContext, Page } from 'playwright-core';
import { sendFromSimulator } from './sendFromSimulator.js';

/** Returns the link the widget showed (the simulator chat page); resolves once the app shows `#account`. */
export async function loginWithWidget(page: Page, context: BrowserContext, phone: string): Promise<string> {
  const link = page.locator('notp-whatsapp-login a.link');
  await link.waitFor({ state: 'visible' });
  const href = (await link.getAttribute('href')) ?? '';
  await sendFromSimulator(context, href, phone);
  await page.locator('#account').waitFor();
  return href;
}
