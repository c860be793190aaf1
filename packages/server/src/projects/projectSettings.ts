// Project settings: the one schema (types, limits, templates) and the partial update the API and the CLI both apply.
import { errors, NotpError } from '@notp/core';
import { z } from 'zod';
import { findCode, MESSAGE_CODE_LENGTH } from '../flows/notp/messageCode.js';
import type { ProjectSettings } from '../store/ports.js';
import { PREFILLED_MAX } from '../whatsapp/templates/prefilledMessage.js';
import {
  fillTemplate,
  hasStrayBrace,
  placeholdersAllowedIn,
  placeholdersIn,
  TEMPLATE_KEYS,
  TEMPLATE_LOCALES,
  type TemplateKey,
} from '../whatsapp/templates/projectTemplates.js';
import { originProblem } from './origins.js';

/** Limits of the settings (docs/settings.md lists them; the TTL bounds match the NOTP_*_TTL variables). */
export const SETTINGS_LIMITS = Object.freeze({
  sessionTtlSec: [1, 86_400], // up to a day: a session JWT cannot be revoked before it expires
  refreshTtlSec: [60, 31_536_000], // up to a year
  pendingTtlSec: [10, 86_400],
  allowedOrigins: 100, // entries
  cookieDomain: 253, // characters (a DNS name)
  rateLimitCount: [0, 1_000_000],
  rateLimitWindowMs: [1_000, 86_400_000], // 1 s to 1 day
  replyText: 4_096, // WhatsApp text body, characters after filling
  confirmPromptText: 1_024, // WhatsApp interactive (buttons) body, characters after filling
});

/** Longest project name, characters (messages show at most this much of it). */
export const PROJECT_NAME_MAX = 60;
/** Longest value a reply placeholder takes when filled: the name (60) or the device/time words (≤ 60). */
const FILLED_VALUE_MAX = 60;

const int = ([min, max]: readonly [number, number]) => z.number().int().min(min).max(max);
const rule = z.strictObject({
  limit: int(SETTINGS_LIMITS.rateLimitCount as [number, number]),
  windowMs: int(SETTINGS_LIMITS.rateLimitWindowMs as [number, number]),
});
const origin = z.string().superRefine((value, ctx) => {
  const problem = originProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** A DNS name for the DS/DSR cookies' Domain attribute, or '' for host-only cookies. */
const cookieDomain = z
  .string()
  .max(SETTINGS_LIMITS.cookieDomain)
  .regex(/^$|^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    message: "must be a lower-case domain name (example.com) or '' for host-only cookies",
  });

const templateText = z.string().min(1).max(SETTINGS_LIMITS.replyText);
const localeTemplates = z.strictObject(
  Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, templateText.optional()])) as Record<
    TemplateKey,
    z.ZodOptional<typeof templateText>
  >,
);
const templates = z.strictObject(
  Object.fromEntries(TEMPLATE_LOCALES.map((locale) => [locale, localeTemplates.optional()])) as Record<
    (typeof TEMPLATE_LOCALES)[number],
    z.ZodOptional<typeof localeTemplates>
  >,
);

/**
 * The whole settings object. A new setting is one line here (give it a `.default()` when stored projects lack it),
 * plus its field in `ProjectSettings` (store/projectPorts.ts) and its row in docs/settings.md.
 */
export const projectSettingsSchema = z.strictObject({
  sessionTtlSec: int(SETTINGS_LIMITS.sessionTtlSec as [number, number]),
  refreshTtlSec: int(SETTINGS_LIMITS.refreshTtlSec as [number, number]),
  pendingTtlSec: int(SETTINGS_LIMITS.pendingTtlSec as [number, number]),
  refreshRotation: z.boolean(),
  tokenDelivery: z.enum(['body', 'cookies']),
  cookieDomain,
  allowedOrigins: z.array(origin).max(SETTINGS_LIMITS.allowedOrigins),
  confirmation: z.boolean(),
  signingAlg: z.enum(['RS256', 'ES256', 'EdDSA']),
  rateLimits: z
    .strictObject({
      startPerIp: rule.optional(),
      startPerLoginId: rule.optional(),
      inboundPerSender: rule.optional(),
      pollsPerPendingRef: rule.optional(),
      refreshPerToken: rule.optional(),
      managementPerKey: rule.optional(),
    })
    .optional(),
  templates: templates.optional(),
  emailLoginIdRequiresManagementKey: z.boolean().optional(),
}) satisfies z.ZodType<ProjectSettings>;

/** Settings that exist only elsewhere now: refused with a pointer rather than as merely unknown. */
const MOVED: Readonly<Record<string, string>> = Object.freeze({
  appName: "the name in messages is the project's name: set it with management.project.updateName or NOTP_APP_NAME",
});

/**
 * The current settings with `patch` applied (JSON Merge Patch, RFC 7396: objects merge key by key, `null` removes a
 * key, anything else replaces it), validated as a whole. Throws a 400 NotpError naming every problem
 * (invalidMessageTemplate when only templates are wrong, else invalidProjectSettings); nothing is stored here.
 * `projectName` is what `{app}` becomes when the prefilled message's length is checked.
 */
export function parseSettingsPatch(current: ProjectSettings, patch: unknown, projectName: string): ProjectSettings {
  if (!isPlainObject(patch)) {
    throw new NotpError(errors.invalidProjectSettings, { message: 'the settings patch must be a JSON object' });
  }
  const moved = Object.keys(patch).filter((k) => Object.hasOwn(MOVED, k));
  if (moved.length > 0) {
    throw new NotpError(errors.invalidProjectSettings, { message: moved.map((k) => `${k}: ${MOVED[k]}`).join('; ') });
  }
  return validateSettings(mergePatch(current, patch), projectName);
}

/** Validates a whole settings object (e.g. one built from the environment); throws like parseSettingsPatch. */
export function validateSettings(candidate: unknown, projectName: string): ProjectSettings {
  const parsed = projectSettingsSchema.safeParse(candidate);
  const issues = parsed.success
    ? templateIssues(parsed.data, projectName)
    : parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  if (parsed.success && issues.length === 0) return parsed.data as ProjectSettings;
  const message = issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`)
    .join('; ');
  const onlyTemplates = issues.every((i) => i.path[0] === 'templates');
  throw new NotpError(onlyTemplates ? errors.invalidMessageTemplate : errors.invalidProjectSettings, { message });
}

/** Why `name` cannot be a project's name, or null: 1–60 characters on one line, no control characters. */
export function projectNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || Array.from(trimmed).length > PROJECT_NAME_MAX) {
    return `must be 1 to ${PROJECT_NAME_MAX} characters`;
  }
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}{}]/u.test(trimmed)) return 'must be one line without control characters or braces';
  return null;
}

type Issue = { path: string[]; message: string };

/** The rules a template must keep beyond its shape: placeholders, the code, WhatsApp's lengths. */
function templateIssues(settings: ProjectSettings, projectName: string): Issue[] {
  const issues: Issue[] = [];
  const sampleCode = 'K7Q2M9XD4HPZ8WBN'.slice(0, MESSAGE_CODE_LENGTH);
  for (const [locale, texts] of Object.entries(settings.templates ?? {})) {
    for (const [key, text] of Object.entries(texts ?? {}) as [TemplateKey, string | undefined][]) {
      if (text === undefined) continue;
      const path = ['templates', locale, key];
      const problem = (message: string) => issues.push({ path, message });
      if (hasStrayBrace(text)) problem('braces are only for placeholders: {app}, {code}, {device}, {time}');
      const allowed = placeholdersAllowedIn(key);
      const used = placeholdersIn(text);
      const unknown = [...new Set(used.filter((p) => !(allowed as readonly string[]).includes(p)))];
      if (unknown.length > 0) {
        problem(
          `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')} (allowed here: ${allowed.map((p) => `{${p}}`).join(', ')})`,
        );
        continue;
      }
      if (key === 'prefilled') {
        const codes = used.filter((p) => p === 'code').length;
        if (codes !== 1) {
          problem(`must contain {code} exactly once (it has ${codes})`);
          continue;
        }
        const filled = fillTemplate(text, { app: projectName.trim(), code: sampleCode });
        const length = Array.from(filled).length;
        if (length > PREFILLED_MAX) {
          problem(`is ${length} characters with the project's name and a code; at most ${PREFILLED_MAX}`);
        } else if (findCode(filled) !== sampleCode) {
          problem('the code parser cannot find the code in it (another 16-letter word? put {code} last)');
        }
        continue;
      }
      const max = key === 'confirm-prompt' ? SETTINGS_LIMITS.confirmPromptText : SETTINGS_LIMITS.replyText;
      const length = Array.from(text.replace(/\{[a-z]+\}/g, '')).length + used.length * FILLED_VALUE_MAX;
      if (length > max) problem(`can reach ${length} characters once filled; at most ${max}`);
    }
  }
  return issues;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7396 JSON Merge Patch; keys that could reach a prototype are ignored. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
