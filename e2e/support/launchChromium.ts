// launchChromium: the system's Debian Chromium driven by playwright-core (no downloaded browser), headless and quiet.
import { type Browser, chromium } from 'playwright-core';

/** Flags for a headless run in a container: no sandbox (root), no GPU, no background traffic to Google. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.NOTP_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
}
