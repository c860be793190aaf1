// resolveLocale: any locale tag → the built-in language it names, or English.
import { LOCALE_TEMPLATES, type MessageLocale } from './locales/index.js';

/** `es-MX`, `pt_BR`, `PT` → the supported base language; anything else → English. */
export function resolveLocale(locale: string | undefined): MessageLocale {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(LOCALE_TEMPLATES, base) ? (base as MessageLocale) : 'en';
}
