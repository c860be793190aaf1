// confirmButtonTitles: the confirmation prompt's two button titles in the login's language.
import { LOCALE_TEMPLATES } from './locales/index.js';
import { resolveLocale } from './resolveLocale.js';

/** Titles (≤ 20 characters) of the confirmation prompt's two reply buttons. */
export function confirmButtonTitles(locale?: string): { yes: string; no: string } {
  return LOCALE_TEMPLATES[resolveLocale(locale)].buttons;
}
