// enforceRateLimit: project overrides win over server defaults, 429 carries retryAfter, off means off, and an
// unreachable limiter (Redis down) fails open with a warning instead of failing every login.
import { errors, NotpError } from '@notp/core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { MemoryRateLimiter } from './memory/MemoryRateLimiter.js';
import { enforceRateLimit, rateLimitRule } from './enforceRateLimit.js';
import { RedisRateLimiter } from './redis/RedisRateLimiter.js';

const log = pino({ level: 'silent' });
const project = (rateLimits = {}) => ({
  projectId: 'P0000000000000000000000000000',
  settings: { rateLimits } as never,
});

describe('enforceRateLimit', () => {
  it('uses the env count over the default, and a project override over both', () => {
    const config = loadConfig({ NOTP_RATE_LIMIT_START_PER_IP: '7' });
    expect(rateLimitRule(config, 'startPerIp')).toEqual({ limit: 7, windowMs: 60_000 });
    expect(rateLimitRule(config, 'startPerLoginId')).toEqual({ limit: 5, windowMs: 600_000 });
    const override = project({ startPerIp: { limit: 2, windowMs: 1_000 } });
    expect(rateLimitRule(config, 'startPerIp', override as never)).toEqual({ limit: 2, windowMs: 1_000 });
  });

  it('throws rateLimited with retryAfter once the project rule is used up; other projects count apart', async () => {
    const deps = { config: loadConfig({}), rateLimiter: new MemoryRateLimiter(), log };
    const p = project({ startPerIp: { limit: 1, windowMs: 30_000 } });
    await enforceRateLimit(deps, 'startPerIp', '203.0.113.9', p as never);
    const err = await enforceRateLimit(deps, 'startPerIp', '203.0.113.9', p as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotpError);
    expect((err as NotpError).code).toBe(errors.rateLimited.code);
    expect((err as NotpError).toBody().retryAfter).toBe(30);
    const other = { ...p, projectId: 'P1111111111111111111111111111' };
    await expect(enforceRateLimit(deps, 'startPerIp', '203.0.113.9', other as never)).resolves.toBeUndefined();
    await deps.rateLimiter.close();
  });

  it('NOTP_RATE_LIMIT=off never counts', async () => {
    const limiter = new MemoryRateLimiter();
    const deps = {
      config: loadConfig({ NOTP_RATE_LIMIT: 'off', NOTP_RATE_LIMIT_START_PER_IP: '0' }),
      rateLimiter: limiter,
      log,
    };
    for (let i = 0; i < 3; i++) await enforceRateLimit(deps, 'startPerIp', 'x');
    expect(limiter.size).toBe(0);
    await limiter.close();
  });

  it('fails open, with a warning, when the counters are unreachable (Redis down)', async () => {
    const warnings: string[] = [];
    const capture = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    // Port 1 on loopback: nothing listens, every command fails after the client's retries.
    const limiter = new RedisRateLimiter('redis://127.0.0.1:1');
    const deps = { config: loadConfig({ NOTP_RATE_LIMIT_START_PER_IP: '0' }), rateLimiter: limiter, log: capture };
    await expect(enforceRateLimit(deps, 'startPerIp', 'x')).resolves.toBeUndefined();
    expect(warnings.join('')).toContain('rate limiter unavailable');
    await limiter.close();
  });
});
