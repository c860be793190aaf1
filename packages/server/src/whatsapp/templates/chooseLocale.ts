// chooseLocale: the language of a login, from loginOptions.locale, else Accept-Language, else English.
import type { MessageLocale } from './locales/index.js';
import { resolveLocale } from './resolveLocale.js';

/**
 * The supported locale for a start request: `loginOptions.locale` when given, else the best-weighted language of
 * `Accept-Language` we have texts for, else English.
 */
export function chooseLocale(optionLocale: string | undefined, acceptLanguage: string | undefined): MessageLocale {
  if (optionLocale !== undefined) return resolveLocale(optionLocale);
  let best: MessageLocale = 'en';
  let bestWeight = 0;
  // Bounded: the header is client input; 20 entries is far more than any browser sends.
  for (const part of (acceptLanguage ?? '').slice(0, 512).split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((x) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(x)?.[1]).find((x) => x !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    const locale = resolveLocale(base);
    // resolveLocale maps anything unknown to 'en': only an actual English tag counts as choosing English.
    if ((locale !== 'en' || base === 'en') && weight > bestWeight) {
      best = locale;
      bestWeight = weight;
    }
  }
  return best;
}
