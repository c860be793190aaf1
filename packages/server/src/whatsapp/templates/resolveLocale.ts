// resolveLocale: any locale tag → the built-in language it names, or English.
import type { MessageLocale } from './locales/index.js';

/** `es-MX`, `pt_BR`, `PT` → the supported base language; anything else → English. */
export function resolveLocale(locale: string | undefined): MessageLocale {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'es' || base === 'pt' || base === 'hi' || base === 'ar' ? base : 'en';
}
