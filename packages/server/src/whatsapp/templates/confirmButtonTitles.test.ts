// Tests for the confirmation prompt's button titles: WhatsApp's 20-character limit in every locale.
import { describe, expect, it } from 'vitest';
import { confirmButtonTitles } from './confirmButtonTitles.js';

describe('confirmButtonTitles', () => {
  it.each(['en', 'es', 'pt', 'hi', 'ar'])('%s titles fit the 20-character button limit', (locale) => {
    const { yes, no } = confirmButtonTitles(locale);
    expect(Array.from(yes).length).toBeLessThanOrEqual(20);
    expect(Array.from(no).length).toBeLessThanOrEqual(20);
    expect(yes).not.toBe(no);
  });
});
