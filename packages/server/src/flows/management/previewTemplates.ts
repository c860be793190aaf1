// Management: the WhatsApp conversation a user would see (prefilled message, then every reply), with unsaved texts.
import type { Deps } from '../../deps.js';
import { validateSettings } from '../../projects/projectSettings.js';
import type { ProjectRecord } from '../../store/ports.js';
import { confirmationPromptText } from '../../whatsapp/templates/confirmationPromptText.js';
import { confirmButtonTitles } from '../../whatsapp/templates/confirmButtonTitles.js';
import type { ReplyKind } from '../../whatsapp/templates/locales/index.js';
import { prefilledMessage } from '../../whatsapp/templates/prefilledMessage.js';
import type { ProjectTemplates } from '../../whatsapp/templates/projectTemplates.js';
import { replyText } from '../../whatsapp/templates/replyText.js';
import { resolveLocale } from '../../whatsapp/templates/resolveLocale.js';
import { newMessageCode } from '../notp/messageCode.js';
import { projectView } from './projectSettings.js';

/** A login code of the real shape, the same on every preview (a preview must not flicker while someone types). */
export const SAMPLE_CODE = newMessageCode({
  bytes: (n) => Buffer.from(Array.from({ length: n }, (_, i) => i * 37 + 11)),
});
/** The browser the sample confirmation prompt names. */
export const SAMPLE_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/** The sample login started this long before the preview. */
const SAMPLE_AGE_MS = 60_000; // 1 min

/**
 * Every reply a user can receive, in conversation order. Not listed: 'unknown-code' (a message matching no login is
 * dropped without a reply) and 'phone-withheld' (WhatsApp withheld the number, so there is nobody to reply to).
 */
export const PREVIEW_REPLY_KINDS: readonly ReplyKind[] = Object.freeze([
  'signed-in',
  'signed-up',
  'phone-updated',
  'declined',
  'expired',
  'already-used',
  'sender-mismatch',
  'user-not-found',
  'user-exists',
  'user-disabled',
]);

export interface PreviewReply {
  kind: ReplyKind;
  text: string;
  buttons?: string[];
}

export interface TemplatePreview {
  locale: string;
  prefilled: string;
  replies: PreviewReply[];
}

/**
 * The texts as the server would send them in `locale` (resolved as a login's locale is: unknown → English), with
 * the project's name and sample values; `templates`, when given, replaces the saved `settings.templates` and is
 * validated exactly as a settings change is (400 invalidMessageTemplate). The confirmation prompt (with its two
 * buttons) comes first when the project asks for confirmation and the provider can send buttons, as at a login.
 */
export function previewTemplates(
  deps: Pick<Deps, 'clock' | 'whatsapp'>,
  project: ProjectRecord,
  input: { locale: string; templates?: unknown },
): TemplatePreview {
  const settings =
    input.templates === undefined
      ? projectView(project).settings
      : validateSettings({ ...projectView(project).settings, templates: input.templates }, project.name);
  const templates: ProjectTemplates | undefined = settings.templates;
  const locale = resolveLocale(input.locale);
  const appName = project.name;
  const now = deps.clock.now();
  const replies: PreviewReply[] = [];
  if (settings.confirmation && deps.whatsapp.sender.capabilities.buttons) {
    const titles = confirmButtonTitles(locale);
    const text = confirmationPromptText({
      appName,
      userAgent: SAMPLE_USER_AGENT,
      startedAt: now - SAMPLE_AGE_MS,
      now,
      locale,
      ...(templates === undefined ? {} : { templates }),
    });
    replies.push({ kind: 'confirm-prompt', text, buttons: [titles.yes, titles.no] });
  }
  for (const kind of PREVIEW_REPLY_KINDS) replies.push({ kind, text: replyText(kind, { appName }, locale, templates) });
  const prefilled = prefilledMessage({ appName, code: SAMPLE_CODE, locale, ...(templates ? { templates } : {}) });
  return { locale, prefilled, replies };
}
