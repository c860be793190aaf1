// sendFromSimulator: what the user does on their phone: open the login link (the simulator's chat page) and tap Send.
import type { BrowserContext } from 'playwright-core';

/**
 * Opens `redirectUrl` in a second page, types `phone` into the "Send as" field, presses Send, and waits for the
 * business's reply bubble (the server replies once the login is committed). Returns the reply's text.
 */
export async function sendFromSimulator(context: BrowserContext, redirectUrl: string, phone: string): Promise<string> {
  const chat = await context.newPage();
  try {
    await chat.goto(redirectUrl);
    await chat.locator('input[type="tel"]').fill(phone);
    await chat.getByRole('button', { name: 'Send', exact: true }).click();
    const reply = chat.locator('.bubble.in').first();
    await reply.waitFor({ timeout: 15_000 });
    return (await reply.textContent()) ?? '';
  } finally {
    await chat.close();
  }
}

let nextLine = Math.floor(Math.random() * 5_000);

/** A phone number no other test in this run uses: +1 650 555 xxxx (a real-format US number, as WHATSAPP.md asks). */
export function testPhone(): string {
  nextLine = (nextLine + 1) % 10_000;
  return `+1650555${String(nextLine).padStart(4, '0')}`;
}
