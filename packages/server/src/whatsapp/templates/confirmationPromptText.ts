// confirmationPromptText: the anti-phishing prompt naming the app, the browser/OS and the time the login started.
import { describeUserAgent } from './describeUserAgent.js';
import { fillVariables } from './fillVariables.js';
import { LOCALE_TEMPLATES, type MessageLocale } from './locales/index.js';
import type { ProjectTemplates } from './projectTemplates.js';
import { replyText } from './replyText.js';
import { resolveLocale } from './resolveLocale.js';

/** "Chrome on Windows", "Chrome", "Windows", or '' (the prompt then says "a browser"). */
function deviceWords(userAgent: string | undefined, lang: MessageLocale): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return fillVariables(LOCALE_TEMPLATES[lang].device, { browser, os });
  return browser ?? os ?? '';
}

/**
 * "02:05 PM UTC (2 minutes ago)": the user's time zone is unknown to us, so the clock time is given in UTC and the
 * relative part is what they can check at a glance.
 */
function startTimeWords(startedAt: number, now: number, lang: MessageLocale): string {
  const clock = new Intl.DateTimeFormat(lang, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(startedAt);
  const minutes = Math.max(0, Math.floor((now - startedAt) / 60_000));
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-minutes, 'minute');
  return `${clock} (${relative})`;
}

/**
 * The confirmation prompt (anti-phishing): names the app, the browser/OS and the time of the start request, so a
 * user who did not start this login on that device sees it is not theirs. Button titles come from
 * `confirmButtonTitles`; the ids (with the nonce) are the caller's.
 */
export function confirmationPromptText(p: {
  appName: string;
  userAgent?: string;
  startedAt: number;
  now: number;
  locale?: string;
  templates?: ProjectTemplates;
}): string {
  const lang = resolveLocale(p.locale);
  return replyText(
    'confirm-prompt',
    { appName: p.appName, device: deviceWords(p.userAgent, lang), time: startTimeWords(p.startedAt, p.now, lang) },
    lang,
    p.templates,
  );
}
