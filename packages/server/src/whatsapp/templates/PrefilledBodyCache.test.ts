// Tests for PrefilledBodyCache: kept bodies come back, it never holds more than 256, long keys are not kept.
import { describe, expect, it } from 'vitest';
import { PrefilledBodyCache } from './PrefilledBodyCache.js';

describe('PrefilledBodyCache', () => {
  it('returns what was kept under a key, and nothing for other keys', () => {
    const cache = new PrefilledBodyCache();
    cache.set('a', 'Log in to A');
    expect(cache.get('a')).toBe('Log in to A');
    expect(cache.get('b')).toBeUndefined();
  });

  it('is emptied when full, so it never holds more than 256 bodies', () => {
    const cache = new PrefilledBodyCache();
    for (let i = 0; i < 256; i++) cache.set(`k${i}`, `body ${i}`);
    expect(cache.size).toBe(256);
    expect(cache.get('k0')).toBe('body 0');
    cache.set('k256', 'body 256');
    expect(cache.size).toBe(1);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k256')).toBe('body 256');
  });

  it('does not keep bodies whose key is over 1,024 characters', () => {
    const cache = new PrefilledBodyCache();
    cache.set('x'.repeat(1_024), 'kept');
    cache.set('y'.repeat(1_025), 'not kept');
    expect(cache.get('x'.repeat(1_024))).toBe('kept');
    expect(cache.get('y'.repeat(1_025))).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('is per instance: two caches do not share bodies', () => {
    const one = new PrefilledBodyCache();
    const two = new PrefilledBodyCache();
    one.set('a', 'Log in to A');
    expect(two.get('a')).toBeUndefined();
  });
});
