// New project ids have the contract's shape; management keys are 256 bits with no ':' (the bearer separator).
import { isProjectId } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import { newManagementKey, newProjectId } from './newProjectCredentials.js';

describe('new project credentials', () => {
  it('makes project ids the SDKs accept, different each time', () => {
    const ids = Array.from({ length: 50 }, () => newProjectId(systemRandom));
    for (const id of ids) expect(isProjectId(id), id).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes 32-byte base64url management keys', () => {
    const key = newManagementKey(systemRandom);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });
});
