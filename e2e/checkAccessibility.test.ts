// The accessibility check itself: it reports a serious violation on a page that has one, under a strict CSP too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/checkAccessibility.js';
import { launchChromium } from './support/launchChromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const page = async (body: string) => {
  const context = await browser.newContext();
  const p = await context.newPage();
  // The console's own policy: no inline script may run, and axe must still be able to check the page.
  await p.route('https://a11y.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'" },
      body: `<!doctype html><html lang="en"><head><title>t</title></head><body><main>${body}</main></body></html>`,
    }),
  );
  await p.goto('https://a11y.test/');
  return p;
};

describe('seriousAccessibilityViolations', () => {
  it('reports a control without an accessible name and an image without alt text', async () => {
    const found = await seriousAccessibilityViolations(
      await page('<h1>Form</h1><input type="text"><button></button><img src="data:image/png;base64,iVBORw0KGgo=">'),
    );
    expect(found.map((line) => line.split(':')[0])).toEqual(
      expect.arrayContaining(['label', 'button-name', 'image-alt']),
    );
  });

  it('finds nothing on a page whose controls are named', async () => {
    const found = await seriousAccessibilityViolations(
      await page('<h1>Form</h1><label>Name <input type="text"></label><button>Save</button>'),
    );
    expect(found).toEqual([]);
  });
});
