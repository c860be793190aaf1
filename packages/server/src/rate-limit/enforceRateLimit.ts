// enforceRateLimit: counts one hit of a named limit for a subject and throws the contract's 429 when it is used up.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';
import type { RateLimitName, RateLimitRule } from './ports.js';

/** The rule a project runs under: its own override, else the server's (env-adjusted) default. */
export function rateLimitRule(
  config: Pick<Deps['config'], 'rateLimits'>,
  name: RateLimitName,
  project?: Pick<ProjectRecord, 'settings'> | null,
): RateLimitRule {
  return project?.settings.rateLimits?.[name] ?? config.rateLimits[name];
}

/**
 * One hit of `name` for `subject` (an IP, a normalised login id, a hash of a token, …), scoped to the project when
 * given. Throws rateLimited (429, `retryAfter`) when refused. A no-op with NOTP_RATE_LIMIT=off.
 * Subjects are caller-chosen: pass hashes, never raw secrets (keys may reach Redis and its logs).
 * Fails open: if the counters are unreachable (Redis down), the hit is allowed and a warning logged — an outage of
 * the limiter must not become an outage of every login; the secrets' entropy, not the limits, is what keeps codes
 * and refs unguessable.
 */
export async function enforceRateLimit(
  deps: Pick<Deps, 'config' | 'rateLimiter' | 'log'>,
  name: RateLimitName,
  subject: string,
  project?: Pick<ProjectRecord, 'projectId' | 'settings'> | null,
): Promise<void> {
  if (!deps.config.rateLimit) return;
  const rule = rateLimitRule(deps.config, name, project);
  let decision: Awaited<ReturnType<Deps['rateLimiter']['hit']>>;
  try {
    decision = await deps.rateLimiter.hit(`${name}:${project?.projectId ?? '*'}:${subject}`, rule);
  } catch (err) {
    deps.log.warn(
      { limit: name, error: err instanceof Error ? err.message : String(err) },
      'rate limiter unavailable: allowed',
    );
    return;
  }
  if (decision.allowed) return;
  throw new NotpError(errors.rateLimited, {
    message: `Too many requests: try again in ${decision.retryAfterSec} s`,
    retryAfter: decision.retryAfterSec,
    detail: `rate limit ${name} (${rule.limit} per ${rule.windowMs} ms)`,
  });
}

/**
 * Refuses (429) without counting when `name` is already used up for `subject` — for limits that count failures only
 * (`countRateLimitFailure`) and then refuse every attempt, right or wrong, until the window ends, so a guesser learns
 * nothing from the answers. Fails open like enforceRateLimit.
 */
export async function refuseIfRateLimited(
  deps: Pick<Deps, 'config' | 'rateLimiter' | 'log'>,
  name: RateLimitName,
  subject: string,
): Promise<void> {
  if (!deps.config.rateLimit) return;
  const rule = rateLimitRule(deps.config, name);
  let decision: Awaited<ReturnType<Deps['rateLimiter']['peek']>>;
  try {
    decision = await deps.rateLimiter.peek(`${name}:*:${subject}`, rule);
  } catch (err) {
    deps.log.warn({ limit: name, error: err instanceof Error ? err.message : String(err) }, 'rate limiter unavailable');
    return;
  }
  if (decision.allowed) return;
  throw new NotpError(errors.rateLimited, {
    message: `Too many failed attempts: try again in ${decision.retryAfterSec} s`,
    retryAfter: decision.retryAfterSec,
    detail: `rate limit ${name} (${rule.limit} per ${rule.windowMs} ms) used up`,
  });
}

/** Counts one failure of `name` for `subject` (server-wide, not per project); never throws. */
export async function countRateLimitFailure(
  deps: Pick<Deps, 'config' | 'rateLimiter' | 'log'>,
  name: RateLimitName,
  subject: string,
): Promise<void> {
  if (!deps.config.rateLimit) return;
  try {
    await deps.rateLimiter.hit(`${name}:*:${subject}`, rateLimitRule(deps.config, name));
  } catch (err) {
    deps.log.warn({ limit: name, error: err instanceof Error ? err.message : String(err) }, 'rate limiter unavailable');
  }
}
