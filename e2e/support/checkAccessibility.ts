// checkAccessibility: axe-core over the page as it is now; answers the serious and critical violations, described.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Runs axe-core (WCAG 2.x A and AA rules plus best practices) on `page` (opened from `browser.newContext()`, as
 * @axe-core/playwright requires) and lists each serious or critical violation as
 * "rule: help (selector…)"; an empty list means none. Minor and moderate findings are not failures here.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
}
