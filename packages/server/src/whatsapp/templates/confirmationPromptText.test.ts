// Tests for the confirmation prompt: the app, the device and the start time, in each locale.
import { describe, expect, it } from 'vitest';
import { confirmationPromptText } from './confirmationPromptText.js';

describe('confirmationPromptText', () => {
  const startedAt = Date.UTC(2026, 10, 23, 14, 5);
  const chrome =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  it.each([
    ['en', 'Someone asked to log in to Acme with this number from Chrome on Windows at 02:05 PM UTC (2 minutes ago).'],
    ['es', 'desde Chrome en Windows a las 14:05 UTC (hace 2 minutos)'],
    ['pt', 'a partir de Chrome no Windows às 14:05 UTC (há 2 minutos)'],
    ['hi', '(Windows पर Chrome,'],
    ['ar', 'من Chrome على Windows'],
  ])('%s names the app, the device and the time', (locale, expected) => {
    const text = confirmationPromptText({
      appName: 'Acme',
      userAgent: chrome,
      startedAt,
      now: startedAt + 150_000,
      locale,
    });
    expect(text).toContain(expected);
    expect(text).toContain('Acme');
  });

  it('an unknown device and a fresh start read naturally', () => {
    const text = confirmationPromptText({ appName: 'Acme', startedAt, now: startedAt + 5_000 });
    expect(text).toContain('from a browser at 02:05 PM UTC (this minute)');
  });
});
