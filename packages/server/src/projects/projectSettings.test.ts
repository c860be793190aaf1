// parseSettingsPatch, origins and project templates: merge rules, limits, refusals, and filled texts.
import { errors, NotpError } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { findCode } from '../flows/notp/messageCode.js';
import { PREFILLED_MAX, prefilledMessage } from '../whatsapp/templates/prefilledMessage.js';
import { replyText } from '../whatsapp/templates/replyText.js';
import { defaultProjectSettings } from './defaults.js';
import { originProblem } from './origins.js';
import { mergePatch, parseSettingsPatch, projectNameProblem } from './projectSettings.js';

const current = defaultProjectSettings(loadConfig({}));
const code = 'K7Q2M9XD4HPZ8WBN';

function refusal(patch: unknown, name = 'Acme'): NotpError {
  try {
    parseSettingsPatch(current, patch, name);
  } catch (err) {
    if (err instanceof NotpError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`);
}

describe('originProblem', () => {
  it.each([
    'https://app.example.com',
    'http://localhost:*',
    'http://127.0.0.1:*',
    'https://app.example.com:8443',
    'http://[::1]:3000',
    'https://xn--caf-dma.example',
  ])('accepts %s', (o) => expect(originProblem(o)).toBeNull());

  it.each([
    ['*', /origin/],
    ['null', /origin/],
    ['app.example.com', /origin/],
    ['https://app.example.com/', /as browsers send it: https:\/\/app.example.com\)/],
    ['https://app.example.com/path', /no path/],
    ['https://App.Example.com', /https:\/\/app.example.com/],
    ['https://app.example.com:443', /default port/],
    ['http://user@app.example.com', /exactly/],
    ['ftp://files.example.com', /http/],
    ['http://localhost:3000:*', /origin|wildcard/],
    ['x'.repeat(301), /characters/],
  ])('refuses %s', (o, why) => expect(originProblem(o)).toMatch(why));
});

describe('parseSettingsPatch', () => {
  it('merges per RFC 7396 and validates the whole; the input objects are not changed', () => {
    const patch = { confirmation: true, rateLimits: { startPerIp: { limit: 1, windowMs: 1000 } } };
    const next = parseSettingsPatch(current, patch, 'Acme');
    expect(next).toEqual({ ...current, ...patch });
    expect(current.confirmation).toBe(false);
    expect(parseSettingsPatch(next, { rateLimits: null }, 'Acme')).toEqual({ ...current, confirmation: true });
    expect(parseSettingsPatch(current, {}, 'Acme')).toEqual(current);
  });

  it('names every problem, with the template code only when templates alone are wrong', () => {
    const both = refusal({ sessionTtlSec: -1, templates: { en: { prefilled: 'no code' } } });
    expect(both.def).toBe(errors.invalidProjectSettings);
    const tpl = refusal({ templates: { en: { prefilled: 'no code' } } });
    expect(tpl.def).toBe(errors.invalidMessageTemplate);
    expect(tpl.publicMessage).toBe('templates.en.prefilled: must contain {code} exactly once (it has 0)');
    expect(refusal('x').def).toBe(errors.invalidProjectSettings);
    expect(refusal({ appName: 'x' }).publicMessage).toMatch(/updateName/);
  });

  it('checks the prefilled length with the real project name and code length', () => {
    const template = `${'y'.repeat(PREFILLED_MAX - 17 - 8)} {app} {code}`; // with a 7-character name: exactly 140
    expect(() => parseSettingsPatch(current, { templates: { en: { prefilled: template } } }, 'Acme Pa')).not.toThrow();
    expect(refusal({ templates: { en: { prefilled: template } } }, 'Acme Pay!').publicMessage).toMatch(
      /142 characters/,
    );
  });

  it('refuses stray braces, unknown placeholders and placeholders outside their texts', () => {
    expect(refusal({ templates: { en: { prefilled: '{code} }' } } }).publicMessage).toMatch(/braces/);
    expect(refusal({ templates: { en: { expired: 'at {time}' } } }).publicMessage).toMatch(
      /\{time\}.*allowed here: \{app\}/,
    );
    expect(() =>
      parseSettingsPatch(current, { templates: { en: { 'confirm-prompt': '{app}? {device} at {time}' } } }, 'A'),
    ).not.toThrow();
  });

  it('mergePatch ignores prototype keys', () => {
    const merged = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(merged).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('projectNameProblem', () => {
  it.each(['A', 'Acme Pay', 'x'.repeat(60), 'Café ✓'])('accepts %s', (n) => expect(projectNameProblem(n)).toBeNull());
  it.each(['', '   ', 'x'.repeat(61), 'a\nb', 'a\u202eb', '{app}'])('refuses %j', (n) =>
    expect(projectNameProblem(n)).not.toBeNull(),
  );
});

describe("a project's texts at run time", () => {
  const templates = { en: { prefilled: 'Code {code} for {app}', expired: '{app}: too late.\nTry again.' } };

  it('fills the prefilled text; a name set later and too long is shortened, never the code', () => {
    expect(prefilledMessage({ appName: 'Acme', code, templates })).toBe(`Code ${code} for Acme`);
    const long = prefilledMessage({
      appName: 'n'.repeat(300),
      code,
      templates: { en: { prefilled: `${'w'.repeat(100)} {code} {app}` } },
    });
    expect(Array.from(long).length).toBe(PREFILLED_MAX);
    expect(findCode(long)).toBe(code);
    // Other locales keep the built-in text.
    expect(prefilledMessage({ appName: 'Acme', code, templates, locale: 'pt' })).toBe(`Entrar em Acme código ${code}`);
  });

  it('fills reply texts, keeping the line breaks; a name cannot inject a placeholder', () => {
    expect(replyText('expired', { appName: 'Acme' }, 'en', templates)).toBe('Acme: too late.\nTry again.');
    expect(replyText('expired', { appName: '{code}' }, 'en', templates)).toBe('code: too late.\nTry again.');
    expect(replyText('signed-in', { appName: 'Acme' }, 'en', templates)).toMatch(/signed in to Acme/);
  });
});
