// Tests code generation (length, alphabet, entropy use) and the tolerant, ambiguity-refusing parser.
import { describe, expect, it } from 'vitest';
import { findCode, hashMessageCode, MESSAGE_CODE_LENGTH, newMessageCode } from './messageCode.js';
import { hashPendingRef, newPendingRef } from './pendingRef.js';
import { randomBytes } from 'node:crypto';

const random = { bytes: (n: number) => randomBytes(n) };
const CODE = 'K7Q2M9XD4HPZ8WBN';
const OTHER = 'A1B2C3D4E5F6G7H8';

describe('newMessageCode', () => {
  it('is 16 Crockford characters', () => {
    for (let i = 0; i < 200; i++) expect(newMessageCode(random)).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(MESSAGE_CODE_LENGTH).toBe(16);
  });

  it('maps the random bits exactly (all-zero and all-one bytes, and a known pattern)', () => {
    expect(newMessageCode({ bytes: (n) => Buffer.alloc(n, 0) })).toBe('0000000000000000');
    expect(newMessageCode({ bytes: (n) => Buffer.alloc(n, 0xff) })).toBe('ZZZZZZZZZZZZZZZZ');
    // 0x08 0x42 … : 00001 00001 00001 … every 5 bits = 1.
    const ones = Buffer.from('08421084210842108421', 'hex');
    expect(newMessageCode({ bytes: () => ones })).toBe('1111111111111111');
  });

  it('does not repeat across many draws', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newMessageCode(random)));
    expect(seen.size).toBe(2000);
  });

  it('round-trips through findCode in the prefilled form', () => {
    for (let i = 0; i < 50; i++) {
      const code = newMessageCode(random);
      expect(findCode(`Log in to Acme (acme.com) code ${code}`)).toBe(code);
    }
  });
});

describe('findCode', () => {
  const cases: [string, string, string | null][] = [
    ['prefilled message', `Log in to Acme (acme.com) code ${CODE}`, CODE],
    ['code alone', CODE, CODE],
    ['lower case', CODE.toLowerCase(), CODE],
    ['dashes inside', 'K7Q2-M9XD-4HPZ-8WBN', CODE],
    ['spaces inside', 'K7Q2 M9XD 4HPZ 8WBN', CODE],
    ['grouped after the word code', 'Log in to Acme code K7Q2-M9XD-4HPZ-8WBN', CODE],
    ['code in the middle of text', `hi! ${CODE}. thanks`, CODE],
    ['code on its own line', `Sign in\n${CODE}\n`, CODE],
    ['Crockford look-alikes O→0 I/L→1', 'K7Q2M9XD4HPZ8WBN'.replace('0', 'O'), CODE],
    ['look-alikes map', 'ABCDEFGHJKMNPQRO', 'ABCDEFGHJKMNPQR0'],
    ['I and L map to 1', 'IL00000000000000', '1100000000000000'],
    ['same code twice', `${CODE} ${CODE}`, CODE],
    ['same code twice, differently written', `${CODE} / ${CODE.toLowerCase()}`, CODE],
    ['two different codes', `${CODE} ${OTHER}`, null],
    ['two different codes on two lines', `${CODE}\n${OTHER}`, null],
    ['no code', 'hello there', null],
    ['empty', '', null],
    ['15 characters', CODE.slice(0, 15), null],
    ['17 characters', `${CODE}Z`, null],
    ['U is not Crockford', `${CODE.slice(0, 15)}U`, null],
    ['punctuation splits a code', 'K7Q2M9XD.4HPZ8WBN', null],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(findCode(text)).toBe(expected);
  });

  it('only scans the first 4096 characters', () => {
    expect(findCode(`${'hi, '.repeat(1100)}${CODE}`)).toBeNull();
    expect(findCode(`${'hi, '.repeat(1000)}${CODE}`)).toBe(CODE);
  });
});

describe('hashes', () => {
  it('are SHA-256 hex and differ for ref and code', () => {
    const ref = newPendingRef(random);
    expect(ref).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashPendingRef(ref)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashMessageCode(CODE)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPendingRef(ref)).not.toBe(hashMessageCode(CODE));
    expect(hashMessageCode(CODE)).toBe(hashMessageCode(CODE));
  });
});
