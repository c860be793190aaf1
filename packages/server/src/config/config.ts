// Config: the environment (its table is envSchema.ts) → one typed, frozen object, validated at start (CONTRACT.md §9).
import { isIP } from 'node:net';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/defaultRateLimits.js';
import type { RateLimitName, RateLimitSettings } from '../rate-limit/ports.js';
import { envSchema } from './envSchema.js';

/** Thrown for an invalid configuration; main prints it and exits 1. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type ProviderName = 'simulator' | 'cloud-api' | 'twilio';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** NOTP_SQLITE_DRIVER: which SQLite driver serves a sqlite: DATABASE_URL. */
  sqliteDriver: 'auto' | 'node' | 'better-sqlite3';
  redisUrl: string | undefined;
  /** No trailing slash. */
  publicUrl: string;
  /** Fixed development project id/key, or undefined to generate on first start. */
  projectId: string | undefined;
  managementKey: string | undefined;
  masterKeyHex: string | undefined;
  dataDir: string;
  pendingTtlSec: number;
  sessionTtlSec: number;
  refreshTtlSec: number;
  provider: ProviderName;
  /** Business number in E.164 (the simulator's fixed test number by default). */
  whatsappNumber: string;
  cloudApi: {
    appSecret: string | undefined;
    verifyToken: string | undefined;
    accessToken: string | undefined;
    phoneNumberId: string;
    graphUrl: string;
  };
  twilio: { accountSid: string | undefined; authToken: string | undefined; apiUrl: string };
  /** NOTP_CONFIRMATION for the development project: true/false, or undefined when unset (created off). */
  devConfirmation: boolean | undefined;
  /** NOTP_APP_NAME / NOTP_ALLOWED_ORIGINS: the first project's name and origins when set (applied at every start). */
  appName: string | undefined;
  allowedOrigins: readonly string[] | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** NOTP_LOG_FORMAT: JSON lines, readable lines, or auto (readable on a terminal outside production). */
  logFormat: 'json' | 'pretty' | 'auto';
  rateLimit: boolean;
  /** Server-wide rate limits (defaults, with the NOTP_RATE_LIMIT_* counts applied); projects may override. */
  rateLimits: Readonly<RateLimitSettings>;
  /**
   * NOTP_TRUSTED_PROXIES as Fastify's `trustProxy` takes it: a hop count, the list of trusted addresses, or false
   * (the default: X-Forwarded-For is ignored, so a client cannot pick the IP its rate limit counts against).
   */
  trustedProxies: number | string[] | false;
  /** NOTP_AUDIT_RETENTION_DAYS: audit events and login history older than this many days are deleted; 0 = never. */
  auditRetentionDays: number;
  /** NOTP_METRICS_TOKEN: the bearer token GET /metrics requires; undefined = /metrics is open. */
  metricsToken: string | undefined;
}

/** The environment variable that sets each limit's count. */
export const RATE_LIMIT_ENV: Readonly<Record<RateLimitName, string>> = Object.freeze({
  startPerIp: 'NOTP_RATE_LIMIT_START_PER_IP',
  startPerLoginId: 'NOTP_RATE_LIMIT_START_PER_LOGIN_ID',
  inboundPerSender: 'NOTP_RATE_LIMIT_INBOUND_PER_SENDER',
  pollsPerPendingRef: 'NOTP_RATE_LIMIT_POLLS_PER_PENDING_REF',
  refreshPerToken: 'NOTP_RATE_LIMIT_REFRESH_PER_TOKEN',
  managementPerKey: 'NOTP_RATE_LIMIT_MANAGEMENT_PER_KEY',
  managementFailuresPerIp: 'NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP',
});

/** The simulator's business number: a real-format US number (WHATSAPP.md: never +1 555 fixtures for validation). */
export const SIMULATOR_NUMBER = '+16505550100';
export const SIMULATOR_PHONE_NUMBER_ID = '100000000000001';

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NOTP_WHATSAPP_PROVIDER === 'cloud-api') {
    for (const k of [
      'NOTP_CLOUD_API_APP_SECRET',
      'NOTP_CLOUD_API_VERIFY_TOKEN',
      'NOTP_CLOUD_API_ACCESS_TOKEN',
      'NOTP_CLOUD_API_PHONE_NUMBER_ID',
      'NOTP_WHATSAPP_NUMBER',
    ] as const) {
      if (!e[k]) problems.push(`  ${k}: required when NOTP_WHATSAPP_PROVIDER=cloud-api`);
    }
  }
  if (e.NOTP_WHATSAPP_PROVIDER === 'twilio') {
    for (const k of ['NOTP_TWILIO_ACCOUNT_SID', 'NOTP_TWILIO_AUTH_TOKEN', 'NOTP_WHATSAPP_NUMBER'] as const) {
      if (!e[k]) problems.push(`  ${k}: required when NOTP_WHATSAPP_PROVIDER=twilio`);
    }
  }
  const isPostgres = !e.DATABASE_URL.startsWith('sqlite:');
  if (isPostgres && !e.NOTP_MASTER_KEY) {
    problems.push('  NOTP_MASTER_KEY: required with PostgreSQL (64 hex characters; encrypts signing keys at rest)');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  if (e.NOTP_WHATSAPP_PROVIDER === 'simulator' && e.NOTP_SIMULATOR_PUBLIC !== 'on') refuseExposedSimulator(e);

  const publicUrl = (e.NOTP_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST ?? (e.NOTP_WHATSAPP_PROVIDER === 'simulator' ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: e.DATABASE_URL,
    sqliteDriver: e.NOTP_SQLITE_DRIVER,
    redisUrl: e.REDIS_URL,
    publicUrl,
    projectId: e.NOTP_PROJECT_ID,
    managementKey: e.NOTP_MANAGEMENT_KEY,
    masterKeyHex: e.NOTP_MASTER_KEY,
    dataDir: e.NOTP_DATA_DIR,
    pendingTtlSec: e.NOTP_PENDING_TTL,
    sessionTtlSec: e.NOTP_SESSION_TTL,
    refreshTtlSec: e.NOTP_REFRESH_TTL,
    provider: e.NOTP_WHATSAPP_PROVIDER,
    whatsappNumber: e.NOTP_WHATSAPP_NUMBER ?? SIMULATOR_NUMBER,
    cloudApi: Object.freeze({
      appSecret: e.NOTP_CLOUD_API_APP_SECRET,
      verifyToken: e.NOTP_CLOUD_API_VERIFY_TOKEN,
      accessToken: e.NOTP_CLOUD_API_ACCESS_TOKEN,
      phoneNumberId: e.NOTP_CLOUD_API_PHONE_NUMBER_ID ?? SIMULATOR_PHONE_NUMBER_ID,
      graphUrl: e.NOTP_CLOUD_API_GRAPH_URL.replace(/\/+$/, ''),
    }),
    twilio: Object.freeze({
      accountSid: e.NOTP_TWILIO_ACCOUNT_SID,
      authToken: e.NOTP_TWILIO_AUTH_TOKEN,
      apiUrl: e.NOTP_TWILIO_API_URL.replace(/\/+$/, ''),
    }),
    devConfirmation: e.NOTP_CONFIRMATION === undefined ? undefined : e.NOTP_CONFIRMATION === 'on',
    appName: e.NOTP_APP_NAME?.trim(),
    allowedOrigins: e.NOTP_ALLOWED_ORIGINS && Object.freeze(e.NOTP_ALLOWED_ORIGINS),
    logLevel: e.NOTP_LOG_LEVEL,
    logFormat: e.NOTP_LOG_FORMAT,
    rateLimit: e.NOTP_RATE_LIMIT === 'on',
    trustedProxies: e.NOTP_TRUSTED_PROXIES ?? false,
    auditRetentionDays: e.NOTP_AUDIT_RETENTION_DAYS,
    metricsToken: e.NOTP_METRICS_TOKEN,
    rateLimits: Object.freeze(
      Object.fromEntries(
        (Object.keys(DEFAULT_RATE_LIMITS) as RateLimitName[]).map((name) => {
          const count = e[RATE_LIMIT_ENV[name] as keyof typeof e] as number | undefined;
          const rule = DEFAULT_RATE_LIMITS[name];
          return [name, Object.freeze({ limit: count ?? rule.limit, windowMs: rule.windowMs })];
        }),
      ) as unknown as RateLimitSettings,
    ),
  });
}

/** True for localhost, *.localhost, 127.0.0.0/8 and ::1: a URL only this machine reaches. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** Simulator mode lets anyone log in as any phone: refuse a setup that looks public (issue 13, item 3). */
function refuseExposedSimulator(e: { NODE_ENV?: string | undefined; NOTP_PUBLIC_URL?: string | undefined }): void {
  const why =
    e.NODE_ENV === 'production'
      ? 'NODE_ENV=production'
      : e.NOTP_PUBLIC_URL !== undefined && !isLoopbackHost(new URL(e.NOTP_PUBLIC_URL).hostname)
        ? `NOTP_PUBLIC_URL=${e.NOTP_PUBLIC_URL} is not a loopback address`
        : null;
  if (why === null) return;
  throw new ConfigError(
    `refusing to start the WhatsApp SIMULATOR with ${why}: in simulator mode anyone can log in as any phone. ` +
      'Set NOTP_WHATSAPP_PROVIDER to cloud-api or twilio for a real deployment, or NOTP_SIMULATOR_PUBLIC=on if you ' +
      'really mean to expose the simulator (a shared test server).',
  );
}

const SECRET_KEYS = new Set([
  'managementKey',
  'masterKeyHex',
  'appSecret',
  'verifyToken',
  'accessToken',
  'authToken',
  'metricsToken',
]);

/** The config with secrets masked, for the start-up log line. */
export function maskedConfig(config: Config): Record<string, unknown> {
  const mask = (v: unknown, key: string): unknown => {
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x, k)]));
    }
    if (SECRET_KEYS.has(key) && typeof v === 'string') return `${v.slice(0, 2)}…(${v.length})`;
    if (key === 'databaseUrl' && typeof v === 'string') return v.replace(/\/\/([^:@/]+):[^@]+@/, '//$1:***@');
    if (key === 'redisUrl' && typeof v === 'string') return v.replace(/\/\/([^@]*)@/, '//***@');
    return v;
  };
  return mask(config, '') as Record<string, unknown>;
}
