// Redis rate limiter: one Lua script per hit (INCR, PEXPIRE on the first hit, PTTL), so the count is atomic across instances.
import { Redis } from 'ioredis';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../ports.js';

/** Prefix of every counter key, so the limiter can share a Redis database with other notp data. */
export const RATE_LIMIT_KEY_PREFIX = 'notp:rl:';

// A key left without a TTL (should never happen, but a lost PEXPIRE would freeze it forever) gets one again.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

type RedisWithHit = Redis & { notpRateHit(key: string, windowMs: number): Promise<[number, number]> };

/** Counter and remaining window, read together (MULTI) so they describe the same window. */
type PeekReply = [[Error | null, string | null], [Error | null, number]];

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RedisWithHit;
  private readonly owned: boolean;

  /** `client`: a URL (the limiter opens and owns its connection) or an existing ioredis client (caller owns it). */
  constructor(client: string | Redis) {
    this.owned = typeof client === 'string';
    const redis =
      typeof client === 'string' ? new Redis(client, { maxRetriesPerRequest: 2, lazyConnect: false }) : client;
    // Connection errors surface where they matter, as failed hits (enforceRateLimit logs them and fails open);
    // without a listener ioredis would also print each reconnect failure as an "unhandled error event".
    if (this.owned) redis.on('error', () => {});
    // defineCommand sends EVALSHA and falls back to EVAL once per connection: the script is not re-sent per hit.
    redis.defineCommand('notpRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    const [count, ttlMs] = await this.redis.notpRateHit(RATE_LIMIT_KEY_PREFIX + key, rule.windowMs);
    const allowed = count <= rule.limit;
    return {
      allowed,
      remaining: Math.max(0, rule.limit - count),
      retryAfterSec: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }

  async peek(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    const full = RATE_LIMIT_KEY_PREFIX + key;
    const [[, raw], [, ttlMs]] = (await this.redis.multi().get(full).pttl(full).exec()) as PeekReply;
    const count = raw === null || ttlMs <= 0 ? 0 : Number(raw);
    return {
      allowed: count < rule.limit,
      remaining: Math.max(0, rule.limit - count),
      retryAfterSec: Math.max(1, Math.ceil(Math.max(0, ttlMs) / 1000)),
    };
  }

  async close(): Promise<void> {
    if (this.owned) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
