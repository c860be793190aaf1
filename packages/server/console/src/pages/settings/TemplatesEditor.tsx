// TemplatesEditor: the project's WhatsApp texts per locale, beside a live preview of the conversation they make.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import {
  cleanTemplates,
  type Draft,
  type Locale,
  TEMPLATE_KEYS,
  TEMPLATE_LOCALES,
  type TemplateKey,
} from './settingsForm.js';

/** `POST /v1/mgmt/notp/templates/preview` (docs/management.md). */
interface TemplatePreview {
  locale: string;
  prefilled: string;
  replies: { kind: string; text: string; buttons?: string[] }[];
}

const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Spanish',
  pt: 'Portuguese',
  hi: 'Hindi',
  ar: 'Arabic',
};
const PLACEHOLDERS: Record<string, string> = {
  prefilled: '{app}, {code} (exactly once)',
  'confirm-prompt': '{app}, {device}, {time}',
};
/** How long typing pauses before the preview is asked for. */
const PREVIEW_DELAY_MS = 300;

export function TemplatesEditor(props: {
  templates: Draft['templates'];
  /** The saved project: a new one (after a save: name, confirmation) asks for the preview again. */
  saved: unknown;
  onChange(next: Draft['templates']): void;
}) {
  const [locale, setLocale] = useState<Locale>('en');
  const preview = usePreview(locale, props.templates, props.saved);
  const texts = props.templates[locale];
  const byKind = new Map(preview.data?.replies.map((reply) => [reply.kind, reply.text]));
  const builtIn = (key: TemplateKey) => (key === 'prefilled' ? preview.data?.prefilled : byKind.get(key));
  const edit = (key: TemplateKey, value: string) =>
    props.onChange({ ...props.templates, [locale]: { ...texts, [key]: value } });

  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">Message templates</h2>
      <p>
        <small>
          An empty text uses the built-in one (shown greyed). Placeholders: {'{app}'} is the app name; the preview fills
          them with sample values. Unsaved edits are previewed; "Save" stores them.
        </small>
      </p>
      <label>
        Locale
        <select name="locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          {TEMPLATE_LOCALES.map((code) => (
            <option key={code} value={code}>
              {LOCALE_NAMES[code]} ({code})
            </option>
          ))}
        </select>
      </label>
      <div class="templates">
        <div>
          {TEMPLATE_KEYS.map((key) => (
            <div key={key}>
              <label for={`template-${key}`}>{key === 'prefilled' ? 'Prefilled message' : `Reply: ${key}`}</label>
              <textarea
                id={`template-${key}`}
                name={`templates.${locale}.${key}`}
                rows={2}
                dir="auto"
                lang={locale}
                aria-describedby={`template-${key}-help`}
                value={texts[key] ?? ''}
                placeholder={builtIn(key) ?? ''}
                onInput={(e) => edit(key, e.currentTarget.value)}
              />
              <small class="help" id={`template-${key}-help`}>
                Placeholders: {PLACEHOLDERS[key] ?? '{app}'}
              </small>
            </div>
          ))}
        </div>
        <Conversation locale={locale} preview={preview} />
      </div>
    </section>
  );
}

/** The server's preview of the current texts, asked for once typing pauses; the newest answer wins. */
function usePreview(locale: Locale, templates: Draft['templates'], saved: unknown) {
  const body = JSON.stringify({ locale, templates: cleanTemplates(templates) });
  const [state, setState] = useState<{ data?: TemplatePreview; error: unknown; loading: boolean }>({
    error: null,
    loading: true,
  });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      api<TemplatePreview>('POST', '/v1/mgmt/notp/templates/preview', JSON.parse(body)).then(
        (data) => current && setState({ data, error: null, loading: false }),
        (error: unknown) => current && setState((previous) => ({ ...previous, error, loading: false })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, saved]);
  return state;
}

function Conversation(props: { locale: Locale; preview: ReturnType<typeof usePreview> }) {
  const { data, error, loading } = props.preview;
  return (
    <figure class="chat" aria-labelledby="chat-caption" aria-busy={loading}>
      <figcaption id="chat-caption">WhatsApp preview ({LOCALE_NAMES[props.locale]})</figcaption>
      <ErrorNotice error={error} />
      {data ? (
        <ol class="bubbles" lang={props.locale} dir="auto" aria-label="Conversation preview">
          <li class="bubble out">
            <span class="visually-hidden">The user sends: </span>
            {data.prefilled}
          </li>
          {data.replies.map((reply) => (
            <li key={reply.kind} class="bubble in">
              <small class="kind">{describeKind(reply.kind)}</small>
              {reply.text}
              {reply.buttons ? (
                <span class="chat-buttons">
                  {reply.buttons.map((title) => (
                    <span key={title} class="chat-button">
                      {title}
                    </span>
                  ))}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </figure>
  );
}

const KIND_NAMES: Record<string, string> = {
  'confirm-prompt': 'Confirmation (when on)',
  'signed-in': 'Success: signed in',
  'signed-up': 'Success: signed up',
  'phone-updated': 'Success: phone updated',
};
function describeKind(kind: string): string {
  return KIND_NAMES[kind] ?? `Failure: ${kind}`;
}
