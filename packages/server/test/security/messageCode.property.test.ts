// Property tests of findCode (the message-code parser every inbound message goes through), fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCode, MESSAGE_CODE_LENGTH, newMessageCode } from '../../src/flows/notp/messageCode.js';
import { useFixedSeed } from './fastCheckSeed.js';

useFixedSeed(500);

const CROCKFORD = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$/;
/** Codes as startLogin makes them, from fast-check's bytes (so shrinking works). */
const code = fc
  .uint8Array({ minLength: 10, maxLength: 10 })
  .map((b) => newMessageCode({ bytes: () => Buffer.from(b) }));
/**
 * Text around a code. Words are kept apart by punctuation: findCode pieces a code together from space- or
 * dash-separated groups, so plain words that happen to be Crockford letters ("Log in Acme code") can piece into a
 * second 16-character candidate when the user regroups the code; the prefilled message avoids that by ending with
 * the code (see the next property).
 */
const prose = fc.array(fc.constantFrom('Log,', 'in;', 'to.', 'Acme!', '(acme.com)', 'code:', '—', '¿', '🙂'), {
  maxLength: 8,
});

describe('findCode (property)', () => {
  it('never throws; answers null or one 16-character Crockford code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (text) => {
        const found = findCode(text);
        expect(found === null || CROCKFORD.test(found)).toBe(true);
      }),
    );
  });

  it('finds the code of a prefilled message, however it is cased or grouped', () => {
    fc.assert(
      fc.property(
        code,
        prose,
        fc.constantFrom(0, 4, 8),
        fc.constantFrom(' ', '-'),
        fc.boolean(),
        (c, words, group, sep, lower) => {
          let written = group === 0 ? c : (c.match(new RegExp(`.{1,${group}}`, 'g')) ?? []).join(sep);
          if (lower) written = written.toLowerCase();
          const text = `${words.join(' ')}, ${written}`;
          expect(findCode(text)).toBe(c);
        },
      ),
    );
  });

  it('finds the code of our own prefilled message (code last), regrouped or not, for any app name', () => {
    fc.assert(
      fc.property(code, fc.string({ maxLength: 40 }), fc.constantFrom(0, 4), (c, appName, group) => {
        const grouped = group === 0 ? c : (c.match(/.{4}/g) ?? []).join('-');
        expect(findCode(`Log in to ${appName} code ${grouped}`)).toBe(c);
      }),
    );
  });

  it('maps Crockford look-alikes (O→0, I/L→1)', () => {
    fc.assert(
      fc.property(code, (c) => {
        const lookalike = c.replace(/0/g, 'O').replace(/1/g, 'l');
        expect(findCode(`code ${lookalike}`)).toBe(c);
      }),
    );
  });

  it('refuses a body with two different codes', () => {
    fc.assert(
      fc.property(code, code, (a, b) => {
        fc.pre(a !== b);
        expect(findCode(`${a} and ${b}`)).toBeNull();
      }),
    );
  });

  it('stays linear on huge bodies (a webhook is a hot path)', () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) findCode(`${'A-'.repeat(500_000)}${'1 '.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(MESSAGE_CODE_LENGTH).toBe(16);
  });
});
