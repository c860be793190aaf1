// Custom claims at start: the limits (keys, name length, value size, nesting), reserved names, and the auth key's shape.
import { NotpError } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { authManagementKeyOf, CUSTOM_CLAIM_LIMITS as L, checkCustomClaims, nestingDepth } from './customClaims.js';

/** The catalogue code and message a check throws, or 'ok'. */
function outcome(claims: Record<string, unknown>, trusted = false): string {
  try {
    checkCustomClaims(claims, trusted);
    return 'ok';
  } catch (e) {
    if (e instanceof NotpError) return `${e.code} ${e.message}`;
    throw e;
  }
}

const nestedArray = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('checkCustomClaims', () => {
  it('accepts claims at every limit exactly', () => {
    const many = Object.fromEntries(Array.from({ length: L.maxKeys }, (_, i) => [`c${i}`, i]));
    expect(outcome(many)).toBe('ok');
    expect(outcome({ ['k'.repeat(L.maxKeyLength)]: 1 })).toBe('ok');
    // "x…x" serialises with its two quotes.
    expect(outcome({ s: 'x'.repeat(L.maxValueLength - 2) })).toBe('ok');
    expect(outcome({ deep: nestedArray(L.maxDepth) })).toBe('ok');
  });

  it.each([
    ['101 claims', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, i])), /101 claims; at most 100/],
    ['a 61-character name', { ['k'.repeat(61)]: 1 }, /names must be 1–60 characters/],
    ['an empty name', { '': 1 }, /names must be 1–60 characters/],
    ['a 501-character value', { s: 'x'.repeat(499) }, /customClaims\.s is longer than 500 characters/],
    ['a value 9 levels deep', { deep: nestedArray(9) }, /customClaims\.deep nests deeper than 8 levels/],
    ['a value 4,100 levels deep', { deep: nestedArray(4100) }, /nests deeper than 8/],
    ['a value 100,000 levels deep', { deep: nestedArray(100_000) }, /nests deeper than 8/],
    ['a reserved claim (sub)', { sub: 'U-evil' }, /reserved claim "sub"/],
    ['a reserved claim (roles)', { roles: ['admin'] }, /reserved claim "roles"/],
    ['nsec, untrusted', { nsec: { isAdmin: true } }, /reserved claim "nsec"/],
  ])('refuses %s with 400 E011004 and a precise message', (_name, claims, message) => {
    const result = outcome(claims as Record<string, unknown>);
    expect(result.startsWith('E011004 ')).toBe(true);
    expect(result).toMatch(message);
  });

  it('a trusted caller may name nsec, but never a reserved claim', () => {
    expect(outcome({ nsec: 1 }, true)).toBe('ok');
    expect(outcome({ drn: 'DS' }, true)).toMatch(/^E011004 .*reserved claim "drn"/);
  });
});

describe('nestingDepth', () => {
  it('counts objects and arrays, not scalars, and stops early past the limit', () => {
    expect(nestingDepth(1, 8)).toBe(0);
    expect(nestingDepth({ a: [1, { b: null }] }, 8)).toBe(3);
    expect(nestingDepth(nestedArray(1_000_000), 8)).toBe(9);
  });
});

describe('authManagementKeyOf (what @descope/node-sdk sends with authManagementKey)', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVIn0.c2ln';
  it('part 3 when present, else part 2 when it is not a JWT, else nothing', () => {
    expect(authManagementKeyOf({ token: jwt, extra: 'K1' })).toBe('K1');
    expect(authManagementKeyOf({ token: 'K1', extra: undefined })).toBe('K1');
    expect(authManagementKeyOf({ token: jwt, extra: undefined })).toBeUndefined();
    expect(authManagementKeyOf({ token: undefined, extra: undefined })).toBeUndefined();
  });
});
