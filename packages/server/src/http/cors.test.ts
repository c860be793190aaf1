// CORS origin patterns: exact origins and `scheme://host:*` wildcards only.
import { describe, expect, it } from 'vitest';
import { originMatches } from './cors.js';

describe('originMatches', () => {
  it.each([
    ['http://localhost:*', 'http://localhost:3000', true],
    ['http://localhost:*', 'http://localhost', true],
    ['http://localhost:*', 'http://localhost.evil.com:3000', false],
    ['http://localhost:*', 'http://localhost:3000.evil.com', false],
    ['http://localhost:*', 'https://localhost:3000', false],
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://app.example.com.evil.com', false],
    ['https://app.example.com', 'http://app.example.com', false],
    ['http://127.0.0.1:*', 'http://127.0.0.1:5173', true],
  ])('%s vs %s → %s', (pattern, origin, expected) => {
    expect(originMatches(pattern, origin)).toBe(expected);
  });
});
