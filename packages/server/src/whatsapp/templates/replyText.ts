// replyText: the reply of one kind in the login's language, the project's own text winning over the built-in one.
import { cleanVariable } from './cleanVariable.js';
import { fillVariables } from './fillVariables.js';
import { LOCALE_TEMPLATES, type ReplyKind } from './locales/index.js';
import { fillTemplate, type ProjectTemplates, projectText } from './projectTemplates.js';
import { resolveLocale } from './resolveLocale.js';

/**
 * The reply for `kind` in the user's locale (English when unknown); variables are cleaned before substitution.
 * The project's own text for that locale and kind (`templates`) wins over the built-in one.
 */
export function replyText(
  kind: ReplyKind,
  vars: Record<string, string>,
  locale?: string,
  templates?: ProjectTemplates,
): string {
  const lang = resolveLocale(locale);
  const texts = LOCALE_TEMPLATES[lang];
  const clean: Record<string, string> = { ...texts.unknown };
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' && value.trim() !== '') clean[name] = cleanVariable(value, 60);
  }
  clean['appName'] ??= 'the app';
  const own = projectText(templates, lang, kind);
  if (own !== undefined) {
    // The operator's line breaks are kept (unlike fillVariables, which flattens the built-in one-line texts).
    return fillTemplate(own, {
      app: clean['appName'],
      device: clean['device'] ?? '',
      time: clean['time'] ?? '',
    }).trim();
  }
  return fillVariables(texts.replies[kind], clean);
}
