// jsonDepthExceeds: counts nesting from the text, ignores brackets in strings, and never recurses.
import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './jsonDepth.js';

const nested = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);
const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

describe('jsonDepthExceeds', () => {
  it('allows exactly the limit and refuses one more, for arrays, objects and mixes', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(objects(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(objects(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('counts siblings once, not their sum', () => {
    expect(jsonDepthExceeds(`[${Array.from({ length: 1000 }, () => '[[1]]').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: 'a\\"[[[[', t: '"{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: '\\' }) + '[[', 1)).toBe(true);
  });

  it('answers for 100,000 and 1,000,000 levels without overflowing its stack', () => {
    expect(jsonDepthExceeds(nested(100_000))).toBe(true);
    expect(jsonDepthExceeds(objects(1_000_000))).toBe(true);
  });
});
