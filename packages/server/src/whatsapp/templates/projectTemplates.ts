// A project's own message texts (settings.templates): locales, text names, placeholders, and filling them in.
import type { MessageLocale, ReplyKind } from './locales/index.js';

/** The locales a project may override: the built-in languages (anything else reads English). */
export const TEMPLATE_LOCALES = ['en', 'es', 'pt', 'hi', 'ar'] as const satisfies readonly MessageLocale[];

/** Every reply the server sends, by name (the `settings.templates.<locale>` keys besides `prefilled`). */
export const REPLY_KINDS = [
  'signed-in',
  'signed-up',
  'phone-updated',
  'expired',
  'unknown-code',
  'sender-mismatch',
  'already-used',
  'phone-withheld',
  'user-exists',
  'user-not-found',
  'user-disabled',
  'declined',
  'confirm-prompt',
] as const satisfies readonly ReplyKind[];
// Compile-time check: a new ReplyKind must be listed above (else it could not be overridden nor validated).
const everyReplyListed: [Exclude<ReplyKind, (typeof REPLY_KINDS)[number]>] extends [never] ? true : false = true;
void everyReplyListed;

export type TemplateKey = 'prefilled' | ReplyKind;
export const TEMPLATE_KEYS: readonly TemplateKey[] = Object.freeze(['prefilled', ...REPLY_KINDS]);

/** `settings.templates`: per locale, any of the texts; absent texts use the built-in ones. */
export type ProjectTemplates = Partial<Record<MessageLocale, Partial<Record<TemplateKey, string>>>>;

/**
 * The one set of placeholders, and where each may appear: `{app}` (the project's name) everywhere, `{code}` (the
 * login code) only in — and exactly once in — the prefilled message, `{device}` and `{time}` (browser/OS and time of
 * the start) only in the confirmation prompt.
 */
export const PLACEHOLDERS = ['app', 'code', 'device', 'time'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export function placeholdersAllowedIn(key: TemplateKey): readonly Placeholder[] {
  if (key === 'prefilled') return ['app', 'code'];
  if (key === 'confirm-prompt') return ['app', 'device', 'time'];
  return ['app'];
}

/** Every `{…}` in a text, in order (names as written, so unknown ones can be reported). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

/** True when the text has a `{` or `}` that is not part of a `{name}` placeholder. */
export function hasStrayBrace(template: string): boolean {
  return /[{}]/.test(template.replace(/\{[^{}]*\}/g, ''));
}

/** Fills the placeholders in one pass (a value containing `{code}` is never substituted again). */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template.replace(/\{(app|code|device|time)\}/g, (whole, name: Placeholder) => values[name] ?? whole);
}

/** The project's text for `key` in `locale`, or undefined when the built-in one applies. */
export function projectText(
  templates: ProjectTemplates | undefined,
  locale: MessageLocale,
  key: TemplateKey,
): string | undefined {
  const perLocale = templates && Object.hasOwn(templates, locale) ? templates[locale] : undefined;
  if (!perLocale || !Object.hasOwn(perLocale, key)) return undefined;
  const text = perLocale[key];
  return typeof text === 'string' && text !== '' ? text : undefined;
}
