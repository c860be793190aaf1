// The environment table: every variable notp reads, its type, default and bounds (zod); loadConfig (config.ts) reads it.
import { isIP } from 'node:net';
import { PROJECT_ID_PATTERN } from '@notp/core';
import { z } from 'zod';
import { originProblem } from '../projects/origins.js';
import { projectNameProblem } from '../projects/projectSettings.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One NOTP_TRUSTED_PROXIES entry: an IP, an IP/prefix (CIDR) or a proxy-addr name. */
function isTrustedProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** NOTP_TRUSTED_PROXIES → a hop count (1–10) or the list of entries; null when it is neither. */
function parseTrustedProxies(value: string): number | string[] | null {
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : null;
  }
  const entries = value.split(',').map((e) => e.trim());
  return entries.every(isTrustedProxyEntry) ? entries : null;
}

const intIn = (min: number, max: number) =>
  z.coerce
    .number()
    .int()
    .refine((n) => n >= min && n <= max, { message: `must be an integer from ${min} to ${max}` });

export const envSchema = z.object({
  PORT: intIn(0, 65535).default(4000),
  HOST: z.string().min(1).optional(), // default: 127.0.0.1 in simulator mode, 0.0.0.0 otherwise
  /** notp extension: allow simulator mode with NODE_ENV=production or a non-loopback NOTP_PUBLIC_URL (exposes it). */
  NOTP_SIMULATOR_PUBLIC: z.enum(['on', 'off']).default('off'),
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/notp.db')
    .refine((s) => s.startsWith('sqlite:') || s.startsWith('postgres://') || s.startsWith('postgresql://'), {
      message: 'must be sqlite:<path> or postgres://…',
    }),
  REDIS_URL: z
    .string()
    .optional()
    .refine((s) => s === undefined || /^rediss?:\/\//.test(s), { message: 'must be redis://… or rediss://…' }),
  NOTP_PUBLIC_URL: z.url().optional(),
  NOTP_PROJECT_ID: z
    .string()
    .regex(PROJECT_ID_PATTERN, 'must be 28 characters: P followed by 27 letters or digits')
    .optional(),
  NOTP_MANAGEMENT_KEY: z.string().min(20, 'must be at least 20 characters').optional(),
  NOTP_MASTER_KEY: z.string().regex(HEX64, 'must be 64 hex characters (32 bytes)').optional(),
  NOTP_PENDING_TTL: intIn(10, 86_400).default(600), // seconds: 10 min
  /** notp extension: session JWT lifetime of the development project, seconds (default 10 min). */
  NOTP_SESSION_TTL: intIn(1, 86_400).default(600),
  /** notp extension: refresh JWT lifetime of the development project, seconds (default 4 weeks). */
  NOTP_REFRESH_TTL: intIn(60, 31_536_000).default(2_419_200),
  NOTP_WHATSAPP_PROVIDER: z.enum(['simulator', 'cloud-api', 'twilio']).default('simulator'),
  NOTP_WHATSAPP_NUMBER: z.string().optional(),
  NOTP_CLOUD_API_APP_SECRET: z.string().min(1).optional(),
  NOTP_CLOUD_API_VERIFY_TOKEN: z.string().min(1).optional(),
  NOTP_CLOUD_API_ACCESS_TOKEN: z.string().min(1).optional(),
  NOTP_CLOUD_API_PHONE_NUMBER_ID: z.string().min(1).optional(),
  NOTP_CLOUD_API_GRAPH_URL: z.url().default('https://graph.facebook.com/v24.0'),
  NOTP_TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  NOTP_TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  NOTP_TWILIO_API_URL: z.url().default('https://api.twilio.com'),
  /** notp extension: the development project's WhatsApp confirmation step ("Yes, it's me"); unset = keep as stored. */
  NOTP_CONFIRMATION: z.enum(['on', 'off']).optional(),
  /** The first project's name (the name in messages), applied at every start when set. */
  NOTP_APP_NAME: z
    .string()
    .refine((v) => projectNameProblem(v) === null, { message: 'must be 1 to 60 characters on one line' })
    .optional(),
  /** The first project's browser origins, comma-separated; when set they replace the stored ones at every start. */
  NOTP_ALLOWED_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins = value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const o of origins) {
        const problem = originProblem(o);
        if (problem) ctx.addIssue({ code: 'custom', message: `${o}: ${problem}` });
      }
      if (origins.length > 100) ctx.addIssue({ code: 'custom', message: 'at most 100 origins' });
      return [...new Set(origins)];
    })
    .optional(),
  NOTP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** notp extension: json, pretty (readable lines) or auto (pretty on a terminal unless NODE_ENV=production). */
  NOTP_LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
  NOTP_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  // notp extension: the count of each rate limit (its window is fixed, see rate-limit/defaultRateLimits.ts).
  NOTP_RATE_LIMIT_START_PER_IP: intIn(0, 1_000_000).optional(), // per minute
  NOTP_RATE_LIMIT_START_PER_LOGIN_ID: intIn(0, 1_000_000).optional(), // per 10 minutes
  NOTP_RATE_LIMIT_INBOUND_PER_SENDER: intIn(0, 1_000_000).optional(), // per minute
  NOTP_RATE_LIMIT_POLLS_PER_PENDING_REF: intIn(0, 1_000_000).optional(), // per second
  NOTP_RATE_LIMIT_REFRESH_PER_TOKEN: intIn(0, 1_000_000).optional(), // per minute
  NOTP_RATE_LIMIT_MANAGEMENT_PER_KEY: intIn(0, 1_000_000).optional(), // per minute
  NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP: intIn(0, 1_000_000).optional(), // per 15 minutes
  /**
   * notp extension: the proxies whose X-Forwarded-For is believed (client IP for rate limits, login history, audit):
   * comma-separated IPs, CIDR ranges and the names loopback / linklocal / uniquelocal, or a hop count (1–10).
   * Unset = none: the socket's address is the client.
   */
  NOTP_TRUSTED_PROXIES: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (parsed !== null) return parsed;
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a hop count (1-10) or a comma-separated list of IPs, CIDR ranges (10.0.0.0/8) and the names loopback, linklocal, uniquelocal',
      });
      return z.NEVER;
    })
    .optional(),
  /**
   * notp extension: days the audit log and login history are kept; older rows are deleted by the janitor
   * (maintenance/startJanitor.ts). 0 = keep forever.
   */
  NOTP_AUDIT_RETENTION_DAYS: intIn(0, 36_500).default(365),
  /** notp extension: when set, GET /metrics requires `Authorization: Bearer <this>` (constant-time compare). */
  NOTP_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the embedded default keeps generated secrets (master key) next to the SQLite file. */
  NOTP_DATA_DIR: z.string().default('./data'),
  /** notp extension: the SQLite driver; auto = node:sqlite on Node ≥ 24, better-sqlite3 below (store/sqlite/sqliteDriver.ts). */
  NOTP_SQLITE_DRIVER: z.enum(['auto', 'node', 'better-sqlite3']).default('auto'),
});
