// Message texts: the prefilled login message (wa.me draft) and the replies WhatsApp users get, per locale.
import { describeUserAgent } from './describeUserAgent.js';
import { fillTemplate, type ProjectTemplates, projectText } from './projectTemplates.js';

export type ReplyKind =
  | 'signed-in'
  | 'signed-up'
  | 'phone-updated'
  | 'expired'
  | 'unknown-code'
  | 'sender-mismatch'
  | 'already-used'
  | 'phone-withheld'
  | 'user-exists'
  | 'user-not-found'
  | 'user-disabled'
  | 'declined'
  | 'confirm-prompt';

export type MessageLocale = 'en' | 'es' | 'pt' | 'hi' | 'ar';

/** Longest prefilled message, characters: short text keeps the QR small (WHATSAPP.md). */
export const PREFILLED_MAX = 140;
const VARIABLE_MAX = 40; // characters per substituted template variable

/** `es-MX`, `pt_BR`, `PT` → the supported base language; anything else → English. */
export function resolveLocale(locale: string | undefined): MessageLocale {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'es' || base === 'pt' || base === 'hi' || base === 'ar' ? base : 'en';
}

/**
 * Prefilled texts by templateId. `{{appName}}` is always the project's name (callers cannot change what the user
 * believes they log in to); other `{{variables}}` come from loginOptions.templateOptions (the seed docs use
 * `greeting` and `product`). The code is appended last, after the locale's word for "code".
 */
const PREFILLED: Record<MessageLocale, { code: string; templates: Record<string, string> }> = {
  en: {
    code: 'code',
    templates: {
      default: '{{greeting}} Log in to {{appName}}',
      signup: '{{greeting}} Sign up to {{appName}}',
      'verify-phone': '{{greeting}} Verify my number for {{appName}}',
      product: '{{greeting}} Log in to {{product}} on {{appName}}',
    },
  },
  es: {
    code: 'código',
    templates: {
      default: '{{greeting}} Iniciar sesión en {{appName}}',
      signup: '{{greeting}} Registrarme en {{appName}}',
      'verify-phone': '{{greeting}} Verificar mi número en {{appName}}',
      product: '{{greeting}} Iniciar sesión en {{product}} de {{appName}}',
    },
  },
  pt: {
    code: 'código',
    templates: {
      default: '{{greeting}} Entrar em {{appName}}',
      signup: '{{greeting}} Criar conta em {{appName}}',
      'verify-phone': '{{greeting}} Verificar meu número em {{appName}}',
      product: '{{greeting}} Entrar em {{product}} de {{appName}}',
    },
  },
  hi: {
    code: 'कोड',
    templates: {
      default: '{{greeting}} {{appName}} में लॉग इन करें',
      signup: '{{greeting}} {{appName}} पर साइन अप करें',
      'verify-phone': '{{greeting}} {{appName}} के लिए मेरा नंबर सत्यापित करें',
      product: '{{greeting}} {{appName}} के {{product}} में लॉग इन करें',
    },
  },
  ar: {
    code: 'الرمز',
    templates: {
      default: '{{greeting}} تسجيل الدخول إلى {{appName}}',
      signup: '{{greeting}} إنشاء حساب في {{appName}}',
      'verify-phone': '{{greeting}} تأكيد رقمي في {{appName}}',
      product: '{{greeting}} تسجيل الدخول إلى {{product}} في {{appName}}',
    },
  },
};

/**
 * One variable's value made safe for a chat message: no control characters or line breaks (a value must not
 * push the code onto another line or fake a second message), no braces (no nested substitution), bounded length.
 */
function cleanVariable(value: string, max = VARIABLE_MAX): string {
  const flat = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}{}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(flat).slice(0, max).join('').trim();
}

/** Latin letters with accents → plain ASCII letters (é → e); other scripts are kept rather than lost. */
const withoutDiacritics = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

function fill(template: string, vars: Record<string, string>): string {
  return template
    .replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?:])/g, '$1')
    .trim();
}

/** Cuts to at most `max` code points. */
const clip = (s: string, max: number): string => Array.from(s).slice(0, Math.max(0, max)).join('').trimEnd();

/**
 * The text the wa.me link puts in the user's WhatsApp draft: short, code last, ≤ 140 characters
 * (English stays ASCII for Latin-script names: accents are dropped so the link and its QR stay small).
 * An unknown templateId falls back to the default template. A project's own `prefilled` text for the locale
 * (`templates`, validated when it was set) replaces the built-in ones, whatever the templateId.
 */
export function prefilledMessage(p: {
  appName: string;
  code: string;
  templateId?: string;
  templateOptions?: Record<string, string>;
  locale?: string;
  templates?: ProjectTemplates;
}): string {
  const locale = resolveLocale(p.locale);
  const own = projectText(p.templates, locale, 'prefilled');
  if (own !== undefined) return projectPrefilled(own, p.appName, p.code);
  const tail = ` ${PREFILLED[locale].code} ${p.code}`;
  const room = PREFILLED_MAX - Array.from(tail).length;
  const key = JSON.stringify([locale, p.templateId ?? null, p.appName, p.templateOptions ?? null, room]);
  let body = prefilledBodies.get(key);
  if (body === undefined) {
    body = clip(prefilledBody(locale, p), room);
    if (key.length <= PREFILLED_KEY_MAX) {
      if (prefilledBodies.size >= PREFILLED_BODIES_MAX) prefilledBodies.clear();
      prefilledBodies.set(key, body);
    }
  }
  return `${body}${tail}`;
}

/**
 * A project's prefilled text with its name and code: the name is shortened if a name set after the template would
 * push the text past 140 characters (the code is never cut). Not cached: one regex pass over ≤ 140 characters.
 */
function projectPrefilled(template: string, appName: string, code: string): string {
  const name = cleanVariable(appName, 60) || 'the app';
  const room = PREFILLED_MAX - Array.from(fillTemplate(template, { app: '', code })).length;
  return fillTemplate(template, { app: clip(name, room), code }).trim();
}

/**
 * The message before its code depends only on the project's name and the start's template, language and options,
 * which repeat from one start to the next: it is built once per combination (≈10 µs of regex and Unicode work)
 * and then reused. Bounded: emptied when full, and long keys (large templateOptions) are not kept, so callers varying
 * templateOptions cannot grow it past 256 × 1 KB.
 */
const prefilledBodies = new Map<string, string>();
const PREFILLED_BODIES_MAX = 256;
const PREFILLED_KEY_MAX = 1_024; // characters

function prefilledBody(
  locale: MessageLocale,
  p: { appName: string; templateId?: string; templateOptions?: Record<string, string> },
): string {
  const { templates } = PREFILLED[locale];
  const template =
    (p.templateId && Object.hasOwn(templates, p.templateId) ? templates[p.templateId] : undefined) ??
    templates['default'] ??
    '{{appName}}';
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.templateOptions ?? {})) {
    if (typeof value === 'string') vars[name] = cleanVariable(value);
  }
  vars['appName'] = cleanVariable(p.appName, 60) || 'the app';
  const body = fill(template, vars);
  return locale === 'en' ? withoutDiacritics(body) : body;
}

/** Reply texts; `{{appName}}` plus kind-specific variables (`device`, `time` for the confirmation prompt). */
const REPLIES: Record<MessageLocale, Record<ReplyKind, string>> = {
  en: {
    'signed-in': "✅ You're signed in to {{appName}}. You can go back to the app now.",
    'signed-up': '✅ Welcome to {{appName}}! Your account is ready; go back to the app to continue.',
    'phone-updated': '✅ This number is now the phone of your {{appName}} account.',
    expired: '⌛ That {{appName}} login code has expired. Start again in the app to get a new one.',
    'unknown-code': "We couldn't find that login code. Start again in the app to get a new one.",
    'sender-mismatch':
      "⚠️ This {{appName}} login was started for a different phone number, so it was stopped. If you didn't start it, you can ignore this message.",
    'already-used': 'That {{appName}} login code was already used. Start again in the app if you need to log in.',
    'phone-withheld':
      "{{appName}} needs your phone number to log you in, but WhatsApp didn't share it with us. Log in another way in the app.",
    'user-exists': 'An {{appName}} account already uses this login. Sign in instead of signing up.',
    'user-not-found': 'No {{appName}} account uses this number yet. Sign up in the app first.',
    'user-disabled': 'Your {{appName}} account is disabled. Contact {{appName}} support.',
    declined:
      "🛑 OK, the {{appName}} login was cancelled and nobody was signed in. If it wasn't you, nothing else is needed.",
    'confirm-prompt':
      'Someone asked to log in to {{appName}} with this number from {{device}} at {{time}}. Only tap "Yes" if it was you.',
  },
  es: {
    'signed-in': '✅ Iniciaste sesión en {{appName}}. Ya puedes volver a la app.',
    'signed-up': '✅ ¡Bienvenido a {{appName}}! Tu cuenta está lista; vuelve a la app para continuar.',
    'phone-updated': '✅ Este número es ahora el teléfono de tu cuenta de {{appName}}.',
    expired: '⌛ Ese código de {{appName}} caducó. Vuelve a empezar en la app para obtener uno nuevo.',
    'unknown-code': 'No encontramos ese código. Vuelve a empezar en la app para obtener uno nuevo.',
    'sender-mismatch':
      '⚠️ Este inicio de sesión en {{appName}} era para otro número de teléfono y se detuvo. Si no fuiste tú, ignora este mensaje.',
    'already-used': 'Ese código de {{appName}} ya se usó. Vuelve a empezar en la app si necesitas iniciar sesión.',
    'phone-withheld':
      '{{appName}} necesita tu número para iniciar sesión, pero WhatsApp no nos lo compartió. Inicia sesión de otra forma en la app.',
    'user-exists': 'Ya existe una cuenta de {{appName}} con este acceso. Inicia sesión en lugar de registrarte.',
    'user-not-found': 'Ninguna cuenta de {{appName}} usa este número. Regístrate primero en la app.',
    'user-disabled': 'Tu cuenta de {{appName}} está desactivada. Contacta al soporte de {{appName}}.',
    declined:
      '🛑 De acuerdo, se canceló el inicio de sesión en {{appName}} y nadie entró. Si no fuiste tú, no hace falta nada más.',
    'confirm-prompt':
      'Alguien pidió iniciar sesión en {{appName}} con este número desde {{device}} a las {{time}}. Toca "Sí" solo si fuiste tú.',
  },
  pt: {
    'signed-in': '✅ Você entrou em {{appName}}. Já pode voltar ao app.',
    'signed-up': '✅ Bem-vindo ao {{appName}}! Sua conta está pronta; volte ao app para continuar.',
    'phone-updated': '✅ Este número agora é o telefone da sua conta {{appName}}.',
    expired: '⌛ Esse código do {{appName}} expirou. Comece de novo no app para receber outro.',
    'unknown-code': 'Não encontramos esse código. Comece de novo no app para receber outro.',
    'sender-mismatch':
      '⚠️ Este login no {{appName}} foi iniciado para outro número e foi interrompido. Se não foi você, ignore esta mensagem.',
    'already-used': 'Esse código do {{appName}} já foi usado. Comece de novo no app se precisar entrar.',
    'phone-withheld':
      'O {{appName}} precisa do seu número para você entrar, mas o WhatsApp não o compartilhou. Entre de outra forma no app.',
    'user-exists': 'Já existe uma conta {{appName}} com este login. Entre em vez de criar uma conta.',
    'user-not-found': 'Nenhuma conta {{appName}} usa este número. Crie uma conta no app primeiro.',
    'user-disabled': 'Sua conta {{appName}} está desativada. Fale com o suporte do {{appName}}.',
    declined:
      '🛑 Ok, o login no {{appName}} foi cancelado e ninguém entrou. Se não foi você, não é preciso fazer mais nada.',
    'confirm-prompt':
      'Alguém pediu para entrar no {{appName}} com este número a partir de {{device}} às {{time}}. Toque em "Sim" só se foi você.',
  },
  hi: {
    'signed-in': '✅ आप {{appName}} में लॉग इन हो गए हैं। अब आप ऐप पर वापस जा सकते हैं।',
    'signed-up': '✅ {{appName}} में आपका स्वागत है! आपका खाता तैयार है; आगे बढ़ने के लिए ऐप पर वापस जाएँ।',
    'phone-updated': '✅ यह नंबर अब आपके {{appName}} खाते का फ़ोन है।',
    expired: '⌛ {{appName}} का यह कोड समाप्त हो गया है। नया कोड पाने के लिए ऐप में फिर से शुरू करें।',
    'unknown-code': 'हमें यह कोड नहीं मिला। नया कोड पाने के लिए ऐप में फिर से शुरू करें।',
    'sender-mismatch':
      '⚠️ {{appName}} का यह लॉग इन किसी दूसरे फ़ोन नंबर के लिए शुरू हुआ था, इसलिए रोक दिया गया। अगर यह आपने नहीं किया, तो इस संदेश को अनदेखा करें।',
    'already-used': '{{appName}} का यह कोड पहले ही इस्तेमाल हो चुका है। लॉग इन के लिए ऐप में फिर से शुरू करें।',
    'phone-withheld':
      '{{appName}} को लॉग इन के लिए आपका फ़ोन नंबर चाहिए, पर WhatsApp ने उसे साझा नहीं किया। ऐप में किसी और तरीके से लॉग इन करें।',
    'user-exists': 'इस लॉग इन से {{appName}} खाता पहले से मौजूद है। साइन अप की जगह लॉग इन करें।',
    'user-not-found': 'इस नंबर से कोई {{appName}} खाता नहीं है। पहले ऐप में साइन अप करें।',
    'user-disabled': 'आपका {{appName}} खाता बंद है। {{appName}} सहायता से संपर्क करें।',
    declined: '🛑 ठीक है, {{appName}} का लॉग इन रद्द कर दिया गया और कोई लॉग इन नहीं हुआ।',
    'confirm-prompt':
      'किसी ने इस नंबर से {{appName}} में लॉग इन करने को कहा है ({{device}}, {{time}})। "हाँ" तभी दबाएँ जब यह आप हों।',
  },
  ar: {
    'signed-in': '✅ تم تسجيل دخولك إلى {{appName}}. يمكنك العودة إلى التطبيق الآن.',
    'signed-up': '✅ مرحبًا بك في {{appName}}! حسابك جاهز؛ عد إلى التطبيق للمتابعة.',
    'phone-updated': '✅ أصبح هذا الرقم هاتف حسابك في {{appName}}.',
    expired: '⌛ انتهت صلاحية رمز {{appName}} هذا. ابدأ من جديد في التطبيق للحصول على رمز جديد.',
    'unknown-code': 'لم نجد هذا الرمز. ابدأ من جديد في التطبيق للحصول على رمز جديد.',
    'sender-mismatch':
      '⚠️ بدأ تسجيل الدخول هذا إلى {{appName}} لرقم هاتف آخر، لذلك تم إيقافه. إذا لم تكن أنت، تجاهل هذه الرسالة.',
    'already-used': 'تم استخدام رمز {{appName}} هذا من قبل. ابدأ من جديد في التطبيق إذا أردت تسجيل الدخول.',
    'phone-withheld':
      'يحتاج {{appName}} إلى رقم هاتفك لتسجيل دخولك، لكن واتساب لم يشاركه معنا. سجّل الدخول بطريقة أخرى في التطبيق.',
    'user-exists': 'يوجد حساب في {{appName}} بهذا المعرّف بالفعل. سجّل الدخول بدلًا من إنشاء حساب.',
    'user-not-found': 'لا يوجد حساب في {{appName}} بهذا الرقم. أنشئ حسابًا في التطبيق أولًا.',
    'user-disabled': 'حسابك في {{appName}} معطّل. تواصل مع دعم {{appName}}.',
    declined: '🛑 حسنًا، تم إلغاء تسجيل الدخول إلى {{appName}} ولم يدخل أحد.',
    'confirm-prompt':
      'طلب شخص ما تسجيل الدخول إلى {{appName}} بهذا الرقم من {{device}} في {{time}}. اضغط "نعم" فقط إذا كنت أنت.',
  },
};

/** Words used when the confirmation prompt's variables are unknown. */
const UNKNOWN: Record<MessageLocale, { device: string; time: string }> = {
  en: { device: 'a browser', time: 'just now' },
  es: { device: 'un navegador', time: 'hace un momento' },
  pt: { device: 'um navegador', time: 'agora há pouco' },
  hi: { device: 'एक ब्राउज़र', time: 'अभी' },
  ar: { device: 'متصفح', time: 'الآن' },
};

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
  const clean: Record<string, string> = { ...UNKNOWN[lang] };
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value === 'string' && value.trim() !== '') clean[name] = cleanVariable(value, 60);
  }
  clean['appName'] ??= 'the app';
  const own = projectText(templates, lang, kind);
  if (own !== undefined) {
    // The operator's line breaks are kept (unlike fill, which flattens the built-in one-line texts).
    return fillTemplate(own, {
      app: clean['appName'],
      device: clean['device'] ?? '',
      time: clean['time'] ?? '',
    }).trim();
  }
  return fill(REPLIES[lang][kind], clean);
}

const CONFIRM_BUTTONS: Record<MessageLocale, { yes: string; no: string }> = {
  en: { yes: "Yes, it's me", no: "No, it wasn't me" },
  es: { yes: 'Sí, soy yo', no: 'No fui yo' },
  pt: { yes: 'Sim, sou eu', no: 'Não fui eu' },
  hi: { yes: 'हाँ, मैं हूँ', no: 'नहीं, मैं नहीं' },
  ar: { yes: 'نعم، أنا', no: 'لا، لست أنا' },
};

/** Titles (≤ 20 characters) of the confirmation prompt's two reply buttons. */
export function confirmButtonTitles(locale?: string): { yes: string; no: string } {
  return CONFIRM_BUTTONS[resolveLocale(locale)];
}

/** How a browser on a system reads in each locale ("Chrome on Windows"). */
const DEVICE: Record<MessageLocale, string> = {
  en: '{{browser}} on {{os}}',
  es: '{{browser}} en {{os}}',
  pt: '{{browser}} no {{os}}',
  hi: '{{os}} पर {{browser}}',
  ar: '{{browser}} على {{os}}',
};

/** "Chrome on Windows", "Chrome", "Windows", or '' (the prompt then says "a browser"). */
function deviceWords(userAgent: string | undefined, lang: MessageLocale): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return fill(DEVICE[lang], { browser, os });
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
