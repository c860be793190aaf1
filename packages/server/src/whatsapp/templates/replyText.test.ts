// Tests for the reply texts: every kind in every locale, variables filled and cleaned, locale fallback.
import { describe, expect, it } from 'vitest';
import type { ReplyKind } from './locales/index.js';
import { REPLY_KINDS } from './projectTemplates.js';
import { replyText } from './replyText.js';

const KINDS: readonly ReplyKind[] = REPLY_KINDS;

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
