// `--set key=value` → new project settings. Deliberately minimal and self-contained: the one function to swap for the
// shared settings schema (the management API's validation) once it exists.
import { DEFAULT_RATE_LIMITS } from '../projects/defaults.js';
import type { ProjectSettings } from '../store/ports.js';
import { CliError } from './context.js';

type Parser = (raw: string) => unknown;

const fail = (key: string, why: string): never => {
  throw new CliError(`--set ${key}: ${why}`, 2);
};

const int =
  (key: string, min: number, max: number): Parser =>
  (raw) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) fail(key, `must be an integer from ${min} to ${max}`);
    return n;
  };

const bool =
  (key: string): Parser =>
  (raw) => {
    if (['true', 'on', 'yes'].includes(raw)) return true;
    if (['false', 'off', 'no'].includes(raw)) return false;
    return fail(key, 'must be true or false');
  };

const oneOf =
  (key: string, values: readonly string[]): Parser =>
  (raw) =>
    values.includes(raw) ? raw : fail(key, `must be one of ${values.join(', ')}`);

/** An exact origin (`https://app.example.com`) or a development pattern with any port (`http://localhost:*`). */
function parseOrigin(entry: string): string {
  const base = entry.endsWith(':*') ? entry.slice(0, -2) : entry;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return fail('allowedOrigins', `${entry} is not an origin (scheme://host[:port])`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin !== base) {
    fail('allowedOrigins', `${entry} is not an origin (scheme://host[:port], no path)`);
  }
  return entry;
}

function parseRateLimits(raw: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('rateLimits', 'must be a JSON object, e.g. {"startPerIp":{"limit":100,"windowMs":60000}}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('rateLimits', 'must be a JSON object');
  for (const [name, rule] of Object.entries(value)) {
    if (!(name in DEFAULT_RATE_LIMITS)) fail('rateLimits', `unknown limit ${name}`);
    const { limit, windowMs } = (rule ?? {}) as { limit?: unknown; windowMs?: unknown };
    if (!Number.isInteger(limit) || (limit as number) < 0 || !Number.isInteger(windowMs) || (windowMs as number) < 1) {
      fail('rateLimits', `${name} must be {"limit": integer ≥ 0, "windowMs": integer ≥ 1}`);
    }
  }
  return value;
}

/** How each setting is read from text (ranges as the configuration's). */
const PARSERS: Readonly<Record<keyof ProjectSettings, Parser>> = {
  sessionTtlSec: int('sessionTtlSec', 1, 86_400),
  refreshTtlSec: int('refreshTtlSec', 60, 31_536_000),
  pendingTtlSec: int('pendingTtlSec', 10, 86_400),
  refreshRotation: bool('refreshRotation'),
  tokenDelivery: oneOf('tokenDelivery', ['body', 'cookies']),
  cookieDomain: (raw) => (/^[A-Za-z0-9.-]{0,253}$/.test(raw) ? raw : fail('cookieDomain', 'must be a domain name')),
  allowedOrigins: (raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(parseOrigin),
  confirmation: bool('confirmation'),
  appName: (raw) => (raw.trim().length >= 1 && raw.length <= 100 ? raw.trim() : fail('appName', '1 to 100 characters')),
  signingAlg: oneOf('signingAlg', ['RS256', 'ES256', 'EdDSA']),
  rateLimits: parseRateLimits,
};

/** The settings after applying each `key=value` in order; any bad one throws and nothing is applied. */
export function applySettingAssignments(current: ProjectSettings, assignments: readonly string[]): ProjectSettings {
  const next: Record<string, unknown> = { ...current };
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new CliError(`--set ${assignment}: expected key=value`, 2);
    const key = assignment.slice(0, eq);
    const parse = Object.hasOwn(PARSERS, key) ? PARSERS[key as keyof ProjectSettings] : undefined;
    if (!parse) throw new CliError(`--set ${key}: unknown setting (known: ${Object.keys(PARSERS).join(', ')})`, 2);
    next[key] = parse(assignment.slice(eq + 1));
  }
  return next as unknown as ProjectSettings;
}
