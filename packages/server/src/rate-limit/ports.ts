// Rate-limit port: atomic fixed-window counters (in memory by default, Redis when several instances share them).

/** How many hits a key may make per window. */
export interface RateLimitRule {
  /** Hits allowed per window; the next one is refused. */
  limit: number;
  /** Window length, milliseconds. */
  windowMs: number;
}

export interface RateLimitDecision {
  /** False once the key has used up its window. */
  allowed: boolean;
  /** Hits left in the current window (0 when refused). */
  remaining: number;
  /** Whole seconds until the window resets (≥ 1); what a 429 sends as `Retry-After`. */
  retryAfterSec: number;
}

export interface RateLimiter {
  /**
   * Counts one hit against `key` and decides. Atomic: of N concurrent hits on a fresh key with limit L, exactly
   * min(N, L) are allowed, on every instance sharing the counters. The window starts at the key's first hit and the
   * count resets when it ends (fixed window). Refused hits count too, so hammering does not shorten the wait.
   */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  /**
   * The decision the key's window stands at, without counting a hit: `allowed` is false once `limit` hits were
   * counted in the live window (for limits that count failures only and refuse everything once used up).
   */
  peek(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

/** The limits notp enforces, each a rule (WHATSAPP.md's suggested defaults live in `rate-limit/defaultRateLimits.ts`). */
export interface RateLimitSettings {
  /** Login starts per client IP. */
  startPerIp: RateLimitRule;
  /** Login starts per normalised login id (phone, email, username). */
  startPerLoginId: RateLimitRule;
  /** Inbound WhatsApp messages per sender (wa_id, else BSUID), across projects: checked before the code lookup. */
  inboundPerSender: RateLimitRule;
  /** pending-session requests per pendingRef. */
  pollsPerPendingRef: RateLimitRule;
  /** refresh / try-refresh / tenant select per refresh token. */
  refreshPerToken: RateLimitRule;
  /** Management API calls per management key. */
  managementPerKey: RateLimitRule;
  /** Failed management authentications (wrong key) per client address, across projects; once used up, all refused. */
  managementFailuresPerIp: RateLimitRule;
}

export type RateLimitName = keyof RateLimitSettings;
