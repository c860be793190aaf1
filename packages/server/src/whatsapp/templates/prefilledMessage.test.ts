// Tests for the prefilled message: code last, length bound, ASCII English, locales, variables, the body cache.
import { describe, expect, it } from 'vitest';
import { PrefilledBodyCache } from './PrefilledBodyCache.js';
import { PREFILLED_MAX, prefilledMessage } from './prefilledMessage.js';

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
    const bodies = new PrefilledBodyCache();
    const expected = (i: number) => `Hi ${i} Log in to ${i % 2 ? 'Acme' : 'Zeta'} on app${i % 3} code ${code}`;
    // 600 distinct combinations (more than the cache keeps), each asked twice, in two different orders.
    for (const order of [1, -1]) {
      for (let n = 0; n < 600; n++) {
        const i = order === 1 ? n : 599 - n;
        const text = prefilledMessage(
          {
            appName: `app${i % 3}`,
            code,
            templateId: 'product',
            templateOptions: { greeting: `Hi ${i}`, product: i % 2 ? 'Acme' : 'Zeta' },
          },
          bodies,
        );
        expect(text).toBe(expected(i));
        expect(bodies.size).toBeGreaterThan(0);
        expect(bodies.size).toBeLessThanOrEqual(256);
      }
    }
    // Same body, other code and other language: only the parts that differ change.
    expect(prefilledMessage({ appName: 'app0', code: 'ZZZZZZZZZZZZZZZZ' }, bodies)).toBe(
      'Log in to app0 code ZZZZZZZZZZZZZZZZ',
    );
    expect(prefilledMessage({ appName: 'app0', code, locale: 'es' }, bodies)).toBe(
      `Iniciar sesión en app0 código ${code}`,
    );
    // A huge templateOptions (not kept in the cache) still gives the right, clipped text.
    const long = prefilledMessage({ appName: 'app0', code, templateOptions: { greeting: 'x'.repeat(1024) } }, bodies);
    expect(long.endsWith(`code ${code}`)).toBe(true);
    expect(Array.from(long).length).toBeLessThanOrEqual(140);
  });
});
