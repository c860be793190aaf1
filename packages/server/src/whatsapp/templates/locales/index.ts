// The built-in languages: one file each (en.ts, es.ts, pt.ts, hi.ts, ar.ts), listed here by locale code.
import { ar } from './ar.js';
import { en } from './en.js';
import { es } from './es.js';
import { hi } from './hi.js';
import type { LocaleTemplates } from './LocaleTemplates.js';
import { pt } from './pt.js';

export type { LocaleTemplates, ReplyKind } from './LocaleTemplates.js';

/** A language we have texts for; any other language reads English. */
export type MessageLocale = 'en' | 'es' | 'pt' | 'hi' | 'ar';

/** Every built-in language's texts; a new language is a new file, its code in MessageLocale and one line here. */
export const LOCALE_TEMPLATES: Readonly<Record<MessageLocale, LocaleTemplates>> = Object.freeze({ en, es, pt, hi, ar });
