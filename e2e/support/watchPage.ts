// watchPage: collects what a page should never show: script errors, console errors (CSP violations land there), alerts.
import type { Page } from 'playwright-core';

export interface PageWatch {
  /** Uncaught exceptions and console errors (CSP's "Refused to …" included), in order. */
  problems: string[];
  /** Chromium's "Failed to load resource" lines: expected 4xx answers (e.g. "not verified yet") land here. */
  failedLoads: string[];
  /** `window.alert` texts (each dismissed, so the page goes on). */
  alerts: string[];
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { problems: [], failedLoads: [], alerts: [] };
  page.on('pageerror', (err) => watch.problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (text.startsWith('Failed to load resource')) watch.failedLoads.push(`${text} (${msg.location().url})`);
    else watch.problems.push(`console: ${text}`);
  });
  page.on('dialog', (dialog) => {
    watch.alerts.push(dialog.message());
    void dialog.dismiss();
  });
  return watch;
}
