// Tests for the built-in languages' texts: complete, well-formed variables, the project placeholders' names absent.
import { describe, expect, it } from 'vitest';
import { REPLY_KINDS, TEMPLATE_LOCALES } from '../projectTemplates.js';
import { LOCALE_TEMPLATES } from './index.js';

describe('LOCALE_TEMPLATES', () => {
  it('lists exactly the locales a project may override', () => {
    expect(Object.keys(LOCALE_TEMPLATES).sort()).toEqual([...TEMPLATE_LOCALES].sort());
  });

  it.each(Object.entries(LOCALE_TEMPLATES))('%s has every text, each naming the app where it must', (_, texts) => {
    expect(Object.keys(texts.replies).sort()).toEqual([...REPLY_KINDS].sort());
    expect(Object.keys(texts.prefilled).sort()).toEqual(['default', 'product', 'signup', 'verify-phone']);
    for (const text of Object.values(texts.prefilled)) expect(text).toContain('{{appName}}');
    for (const [kind, text] of Object.entries(texts.replies)) {
      if (kind !== 'unknown-code') expect(text).toContain('{{appName}}');
      // Only `{{name}}` variables: a single-brace `{app}` would be sent to the user as written.
      expect(text.replace(/\{\{[A-Za-z0-9_]+\}\}/g, '')).not.toMatch(/[{}]/);
    }
    expect(texts.code.trim()).not.toBe('');
    expect(texts.device).toContain('{{browser}}');
    expect(texts.device).toContain('{{os}}');
  });
});
