// The one project-id pattern: "P" + exactly 27 ASCII letters or digits, nothing around it.
import { describe, expect, it } from 'vitest';
import { isProjectId, PROJECT_ID_PATTERN } from './projectId.js';

describe('PROJECT_ID_PATTERN', () => {
  it('accepts P followed by 27 letters or digits', () => {
    expect(isProjectId('P2abcdefghijklmnopqrstuvwxyz')).toBe(true);
    expect(isProjectId(`P${'Z9'.repeat(13)}a`)).toBe(true);
  });

  it('refuses other lengths, prefixes, characters and non-strings', () => {
    for (const bad of [
      'P2abcdefghijklmnopqrstuvwxy', // 26 after P
      'P2abcdefghijklmnopqrstuvwxyz0', // 28 after P (the SDKs would derive a region)
      'p2abcdefghijklmnopqrstuvwxyz',
      'X2abcdefghijklmnopqrstuvwxyz',
      'P2abcdefghijklmnopqrstuvwxy-',
      'P2abcdefghijklmnopqrstuvwxyé',
      ' P2abcdefghijklmnopqrstuvwxyz',
      'P2abcdefghijklmnopqrstuvwxyz\n',
      '',
    ]) {
      expect(isProjectId(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isProjectId(undefined)).toBe(false);
    expect(isProjectId(12)).toBe(false);
    expect(PROJECT_ID_PATTERN.flags).toBe('');
  });
});
