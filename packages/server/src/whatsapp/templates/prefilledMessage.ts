// prefilledMessage: the text the wa.me link puts in the user's WhatsApp draft (≤ 140 characters, code last).
import { cleanVariable } from './cleanVariable.js';
import { fillVariables } from './fillVariables.js';
import { LOCALE_TEMPLATES, type MessageLocale } from './locales/index.js';
import type { PrefilledBodyCache } from './PrefilledBodyCache.js';
import { fillTemplate, type ProjectTemplates, projectText } from './projectTemplates.js';
import { resolveLocale } from './resolveLocale.js';

/** Longest prefilled message, characters: short text keeps the QR small (WHATSAPP.md). */
export const PREFILLED_MAX = 140;

/** Latin letters with accents → plain ASCII letters (é → e); other scripts are kept rather than lost. */
const withoutDiacritics = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** Cuts to at most `max` code points. */
const clip = (s: string, max: number): string => Array.from(s).slice(0, Math.max(0, max)).join('').trimEnd();

/**
 * The text the wa.me link puts in the user's WhatsApp draft: short, code last, ≤ 140 characters
 * (English stays ASCII for Latin-script names: accents are dropped so the link and its QR stay small).
 * An unknown templateId falls back to the default template. A project's own `prefilled` text for the locale
 * (`templates`, validated when it was set) replaces the built-in ones, whatever the templateId.
 * `bodies` (the instance's cache, Deps.prefilledBodies) reuses the text before the code; without it, it is built.
 */
export function prefilledMessage(
  p: {
    appName: string;
    code: string;
    templateId?: string;
    templateOptions?: Record<string, string>;
    locale?: string;
    templates?: ProjectTemplates;
  },
  bodies?: PrefilledBodyCache,
): string {
  const locale = resolveLocale(p.locale);
  const own = projectText(p.templates, locale, 'prefilled');
  if (own !== undefined) return projectPrefilled(own, p.appName, p.code);
  const tail = ` ${LOCALE_TEMPLATES[locale].code} ${p.code}`;
  const room = PREFILLED_MAX - Array.from(tail).length;
  const key = JSON.stringify([locale, p.templateId ?? null, p.appName, p.templateOptions ?? null, room]);
  let body = bodies?.get(key);
  if (body === undefined) {
    body = clip(prefilledBody(locale, p), room);
    bodies?.set(key, body);
  }
  return `${body}${tail}`;
}

/**
 * A project's prefilled text with its name and code: the name is shortened if a name set after the template would
 * push the text past 140 characters (the code is never cut). Not cached: one regex pass over ≤ 140 characters.
 */
function projectPrefilled(template: string, appName: string, code: string): string {
  const name = cleanVariable(appName, 60) || 'the app';
  const room = PREFILLED_MAX - Array.from(fillTemplate(template, { app: '', code })).length;
  return fillTemplate(template, { app: clip(name, room), code }).trim();
}

/** The built-in message before its code: the templateId's text (else `default`) with its variables filled. */
function prefilledBody(
  locale: MessageLocale,
  p: { appName: string; templateId?: string; templateOptions?: Record<string, string> },
): string {
  const templates: Readonly<Record<string, string>> = LOCALE_TEMPLATES[locale].prefilled;
  const template =
    (p.templateId && Object.hasOwn(templates, p.templateId) ? templates[p.templateId] : undefined) ??
    LOCALE_TEMPLATES[locale].prefilled.default;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.templateOptions ?? {})) {
    if (typeof value === 'string') vars[name] = cleanVariable(value);
  }
  vars['appName'] = cleanVariable(p.appName, 60) || 'the app';
  const body = fillVariables(template, vars);
  return locale === 'en' ? withoutDiacritics(body) : body;
}
