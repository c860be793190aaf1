// Tests for chooseLocale: the option wins, else Accept-Language by weight, else English.
import { describe, expect, it } from 'vitest';
import { chooseLocale } from './chooseLocale.js';

describe('chooseLocale', () => {
  it.each([
    [undefined, undefined, 'en'],
    ['pt-BR', 'es', 'pt'],
    ['de', 'es', 'en'], // an explicit option wins even when unsupported
    [undefined, 'es-MX,es;q=0.9,en;q=0.5', 'es'],
    [undefined, 'fr-FR, ar;q=0.8, en;q=0.3', 'ar'],
    [undefined, 'en;q=0.9, hi', 'hi'],
    [undefined, 'fr, de;q=0.5', 'en'],
    [undefined, 'pt;q=0, en;q=0.1', 'en'],
    [undefined, 'garbage;;;q=x, es;q=abc', 'es'],
  ])('option %s, Accept-Language %s → %s', (option, header, expected) => {
    expect(chooseLocale(option, header)).toBe(expected);
  });
});
