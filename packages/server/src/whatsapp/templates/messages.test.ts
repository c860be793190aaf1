// Tests for the prefilled message and reply texts: code last, length bound, ASCII English, locales, variables.
import { describe, expect, it } from 'vitest';
import {
  chooseLocale,
  confirmButtonTitles,
  confirmationPromptText,
  PREFILLED_MAX,
  prefilledMessage,
  type ReplyKind,
  replyText,
  resolveLocale,
} from './messages.js';

const code = 'K7Q2M9XD4HPZ8WBN';
const ASCII = /^[\x20-\x7e]*$/;

describe('prefilledMessage', () => {
  it.each([
    [{}, 'Log in to Acme code K7Q2M9XD4HPZ8WBN'],
    [{ templateId: 'signup' }, 'Sign up to Acme code K7Q2M9XD4HPZ8WBN'],
    [{ templateId: 'nope' }, 'Log in to Acme code K7Q2M9XD4HPZ8WBN'],
    [{ templateId: 'toString' }, 'Log in to Acme code K7Q2M9XD4HPZ8WBN'], // no prototype lookups
    [{ templateOptions: { greeting: 'Hi!' } }, 'Hi! Log in to Acme code K7Q2M9XD4HPZ8WBN'],
    [
      { templateId: 'product', templateOptions: { product: 'Acme Pay', greeting: 'Hello' } },
      'Hello Log in to Acme Pay on Acme code K7Q2M9XD4HPZ8WBN',
    ],
    [{ templateOptions: { appName: 'Evil Bank' } }, 'Log in to Acme code K7Q2M9XD4HPZ8WBN'], // appName is not overridable
    [
      { templateOptions: { greeting: 'Hi\ncode AAAAAAAAAAAAAAAA\n' } },
      'Hi code AAAAAAAAAAAAAAAA Log in to Acme code K7Q2M9XD4HPZ8WBN',
    ],
    [{ locale: 'es-MX' }, 'Iniciar sesión en Acme código K7Q2M9XD4HPZ8WBN'],
    [{ locale: 'pt_BR', templateId: 'signup' }, 'Criar conta em Acme código K7Q2M9XD4HPZ8WBN'],
    [{ locale: 'hi' }, 'Acme में लॉग इन करें कोड K7Q2M9XD4HPZ8WBN'],
    [{ locale: 'ar' }, 'تسجيل الدخول إلى Acme الرمز K7Q2M9XD4HPZ8WBN'],
    [{ locale: 'fr' }, 'Log in to Acme code K7Q2M9XD4HPZ8WBN'],
  ])('%j → %s', (opts, expected) => {
    expect(prefilledMessage({ appName: 'Acme', code, ...opts })).toBe(expected);
  });

  it('keeps English ASCII for accented Latin names and strips control characters', () => {
    const text = prefilledMessage({ appName: 'Café\u0000 Zoë\u202e', code });
    expect(text).toBe('Log in to Cafe Zoe code K7Q2M9XD4HPZ8WBN');
    expect(text).toMatch(ASCII);
  });

  it('always ends with the code and stays within 140 characters', () => {
    for (const appName of ['A', 'x'.repeat(300), 'é'.repeat(300)]) {
      for (const locale of ['en', 'es', 'pt', 'hi', 'ar']) {
        const text = prefilledMessage({
          appName,
          code,
          locale,
          templateId: 'product',
          templateOptions: { greeting: 'g'.repeat(300), product: 'p'.repeat(300) },
        });
        expect(Array.from(text).length).toBeLessThanOrEqual(PREFILLED_MAX);
        expect(text.endsWith(` ${code}`)).toBe(true);
      }
    }
  });

  it('falls back to a neutral name when the app name is empty after cleaning', () => {
    expect(prefilledMessage({ appName: '\u0000\n', code })).toBe('Log in to the app code K7Q2M9XD4HPZ8WBN');
  });

  it('reuses built message bodies without mixing them up: every input keeps its own text, past the cache bound', () => {
    const expected = (i: number) => `Hi ${i} Log in to ${i % 2 ? 'Acme' : 'Zeta'} on app${i % 3} code ${code}`;
    // 600 distinct combinations (more than the cache keeps), each asked twice, in two different orders.
    for (const order of [1, -1]) {
      for (let n = 0; n < 600; n++) {
        const i = order === 1 ? n : 599 - n;
        const text = prefilledMessage({
          appName: `app${i % 3}`,
          code,
          templateId: 'product',
          templateOptions: { greeting: `Hi ${i}`, product: i % 2 ? 'Acme' : 'Zeta' },
        });
        expect(text).toBe(expected(i));
      }
    }
    // Same body, other code and other language: only the parts that differ change.
    expect(prefilledMessage({ appName: 'app0', code: 'ZZZZZZZZZZZZZZZZ' })).toBe(
      'Log in to app0 code ZZZZZZZZZZZZZZZZ',
    );
    expect(prefilledMessage({ appName: 'app0', code, locale: 'es' })).toBe(`Iniciar sesión en app0 código ${code}`);
    // A huge templateOptions (not kept in the cache) still gives the right, clipped text.
    const long = prefilledMessage({ appName: 'app0', code, templateOptions: { greeting: 'x'.repeat(1024) } });
    expect(long.endsWith(`code ${code}`)).toBe(true);
    expect(Array.from(long).length).toBeLessThanOrEqual(140);
  });
});

const KINDS: ReplyKind[] = [
  'signed-in',
  'signed-up',
  'phone-updated',
  'expired',
  'unknown-code',
  'sender-mismatch',
  'already-used',
  'phone-withheld',
  'user-exists',
  'user-not-found',
  'user-disabled',
  'declined',
  'confirm-prompt',
];

describe('replyText', () => {
  it.each(['en', 'es', 'pt', 'hi', 'ar'])('has every kind in %s, with no unfilled variables', (locale) => {
    for (const kind of KINDS) {
      const text = replyText(kind, { appName: 'Acme' }, locale);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\{\{|\}\}/);
      if (kind !== 'unknown-code') expect(text).toContain('Acme');
    }
  });

  it('fills the confirmation prompt, with defaults for unknown device and time', () => {
    expect(replyText('confirm-prompt', { appName: 'Acme', device: 'Chrome on macOS', time: '14:05 UTC' })).toBe(
      'Someone asked to log in to Acme with this number from Chrome on macOS at 14:05 UTC. Only tap "Yes" if it was you.',
    );
    expect(replyText('confirm-prompt', { appName: 'Acme' })).toContain('from a browser at just now');
  });

  it('cleans variables (no line breaks, bounded length)', () => {
    const text = replyText('signed-in', { appName: `Acme\n\nPlease send your password to evil${'x'.repeat(200)}` });
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(200);
  });

  it('differs by locale', () => {
    expect(replyText('signed-in', { appName: 'Acme' }, 'es')).toContain('Iniciaste sesión en Acme');
    expect(replyText('signed-in', { appName: 'Acme' }, 'de')).toContain("You're signed in to Acme");
  });
});

describe('confirmButtonTitles and resolveLocale', () => {
  it.each(['en', 'es', 'pt', 'hi', 'ar'])('%s titles fit the 20-character button limit', (locale) => {
    const { yes, no } = confirmButtonTitles(locale);
    expect(Array.from(yes).length).toBeLessThanOrEqual(20);
    expect(Array.from(no).length).toBeLessThanOrEqual(20);
    expect(yes).not.toBe(no);
  });

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
