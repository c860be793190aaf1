// Tests for resolveLocale: region and case variants map to the base language, the rest to English.
import { describe, expect, it } from 'vitest';
import { resolveLocale } from './resolveLocale.js';

describe('resolveLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ES', 'es'],
    ['pt-BR', 'pt'],
    ['ar_EG', 'ar'],
    ['hi-IN', 'hi'],
    ['zz', 'en'],
  ])('%s → %s', (input, locale) => {
    expect(resolveLocale(input)).toBe(locale);
  });
});
