// settingsForm: the Settings page's form values — built from the project, and turned back into only what changed.
import type { ProjectSettings } from '../../../../src/store/projectPorts.js';
import {
  type ProjectTemplates,
  TEMPLATE_KEYS,
  TEMPLATE_LOCALES,
  type TemplateKey,
} from '../../../../src/whatsapp/templates/projectTemplates.js';

export { TEMPLATE_KEYS, TEMPLATE_LOCALES, type TemplateKey };
export type Locale = (typeof TEMPLATE_LOCALES)[number];

/** The `rateLimits` keys (packages/server/src/projects/projectSettings.ts) and what each one counts. */
export const RATE_LIMIT_RULES = [
  ['startPerIp', 'Logins started per IP address'],
  ['startPerLoginId', 'Logins started per login id'],
  ['inboundPerSender', 'WhatsApp messages per sender'],
  ['pollsPerPendingRef', 'Polls per pending login'],
  ['refreshPerToken', 'Refreshes per refresh token'],
  ['managementPerKey', 'Management calls per key'],
] as const;
export type RuleKey = (typeof RATE_LIMIT_RULES)[number][0];

/** The settings as `GET /v1/mgmt/notp/project` answers them: the server's own type (src/store/projectPorts.ts). */
export type { ProjectSettings };
export interface ProjectView {
  projectId: string;
  name: string;
  settings: ProjectSettings;
}

export const TTL_FIELDS = [
  ['sessionTtlSec', 'Session lifetime (seconds)'],
  ['refreshTtlSec', 'Refresh lifetime (seconds)'],
  ['pendingTtlSec', 'Pending login lifetime (seconds)'],
] as const;
type TtlKey = (typeof TTL_FIELDS)[number][0];

/** The form's values, as the inputs hold them (numbers as typed text). */
export interface Draft {
  name: string;
  allowedOrigins: string;
  ttl: Record<TtlKey, string>;
  refreshRotation: boolean;
  confirmation: boolean;
  tokenDelivery: ProjectSettings['tokenDelivery'];
  cookieDomain: string;
  signingAlg: ProjectSettings['signingAlg'];
  rateLimits: Record<RuleKey, { limit: string; windowMs: string }>;
  templates: Record<Locale, Partial<Record<TemplateKey, string>>>;
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

export function draftOf(project: ProjectView): Draft {
  const s = project.settings;
  return {
    name: project.name,
    allowedOrigins: s.allowedOrigins.join('\n'),
    ttl: {
      sessionTtlSec: text(s.sessionTtlSec),
      refreshTtlSec: text(s.refreshTtlSec),
      pendingTtlSec: text(s.pendingTtlSec),
    },
    refreshRotation: s.refreshRotation,
    confirmation: s.confirmation,
    tokenDelivery: s.tokenDelivery,
    cookieDomain: s.cookieDomain,
    signingAlg: s.signingAlg,
    rateLimits: Object.fromEntries(
      RATE_LIMIT_RULES.map(([key]) => {
        const rule = s.rateLimits?.[key];
        return [key, { limit: text(rule?.limit), windowMs: text(rule?.windowMs) }];
      }),
    ) as Draft['rateLimits'],
    templates: Object.fromEntries(TEMPLATE_LOCALES.map((l) => [l, { ...s.templates?.[l] }])) as Draft['templates'],
  };
}

/** A typed number, or the text itself when it is not one (so the server's validation names the problem). */
const numberOf = (value: string): number | string | null =>
  value.trim() === '' ? null : Number.isFinite(Number(value)) ? Number(value) : value;

/** The templates with the emptied texts left out (what the server would hold after the save). */
export function cleanTemplates(templates: Draft['templates']): ProjectTemplates {
  const out: ProjectTemplates = {};
  for (const locale of TEMPLATE_LOCALES) {
    const texts = Object.entries(templates[locale]).filter(([, value]) => value !== undefined && value !== '');
    if (texts.length > 0) out[locale] = Object.fromEntries(texts);
  }
  return out;
}

/**
 * What the Save button sends: `name` when the name changed, and `patch` — a JSON Merge Patch holding only the
 * changed settings (`null` removes a rate limit or a template text, so its server default applies again).
 */
export function changesOf(project: ProjectView, draft: Draft): { name?: string; patch: Record<string, unknown> } {
  const s = project.settings;
  const patch: Record<string, unknown> = {};
  const origins = draft.allowedOrigins
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (JSON.stringify(origins) !== JSON.stringify(s.allowedOrigins)) patch.allowedOrigins = origins;
  for (const [key] of TTL_FIELDS) if (draft.ttl[key] !== text(s[key])) patch[key] = numberOf(draft.ttl[key]);
  for (const key of ['refreshRotation', 'confirmation', 'tokenDelivery', 'cookieDomain', 'signingAlg'] as const) {
    if (draft[key] !== s[key]) patch[key] = draft[key];
  }
  const rules: Record<string, unknown> = {};
  for (const [key] of RATE_LIMIT_RULES) {
    const typed = draft.rateLimits[key];
    const saved = s.rateLimits?.[key];
    if (typed.limit === text(saved?.limit) && typed.windowMs === text(saved?.windowMs)) continue;
    const empty = typed.limit.trim() === '' && typed.windowMs.trim() === '';
    rules[key] = empty ? null : { limit: numberOf(typed.limit), windowMs: numberOf(typed.windowMs) };
  }
  if (Object.keys(rules).length > 0) patch.rateLimits = rules;
  const texts: Record<string, Record<string, string | null>> = {};
  for (const locale of TEMPLATE_LOCALES) {
    for (const key of TEMPLATE_KEYS) {
      const typed = draft.templates[locale][key] ?? '';
      const saved = s.templates?.[locale]?.[key] ?? '';
      if (typed === saved) continue;
      texts[locale] ??= {};
      (texts[locale] as Record<string, string | null>)[key] = typed === '' ? null : typed;
    }
  }
  if (Object.keys(texts).length > 0) patch.templates = texts;
  const name = draft.name.trim() === project.name ? undefined : draft.name.trim();
  return name === undefined ? { patch } : { name, patch };
}
