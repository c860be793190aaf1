// In-process rate limiter: fixed windows in a bounded Map, expired windows swept on a timer and when full.
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../ports.js';

export interface MemoryRateLimiterOptions {
  /** Epoch ms; injectable so tests move time by hand. Default Date.now. */
  now?: () => number;
  /** Most keys held at once; beyond it expired windows are swept, then the oldest windows dropped. Default 100,000. */
  maxKeys?: number;
  /** How often expired windows are swept, ms (0 = never on a timer). Default 60,000 (1 min). */
  sweepEveryMs?: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(opts: MemoryRateLimiterOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? 100_000;
    const every = opts.sweepEveryMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.sweep(), every);
      this.timer.unref();
    }
  }

  /** Keys currently held (for tests of the memory bound). */
  get size(): number {
    return this.windows.size;
  }

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    // Synchronous body: one event-loop turn, so concurrent hits on one process cannot interleave (atomic).
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.makeRoom(now);
      w = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, w); // insertion order = window start order: the Map's first key is the oldest window
    }
    w.count += 1;
    const allowed = w.count <= rule.limit;
    return {
      allowed,
      remaining: Math.max(0, rule.limit - w.count),
      retryAfterSec: Math.max(1, Math.ceil((w.resetAt - now) / 1000)),
    };
  }

  async peek(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return { allowed: true, remaining: rule.limit, retryAfterSec: 1 };
    return {
      allowed: w.count < rule.limit,
      remaining: Math.max(0, rule.limit - w.count),
      retryAfterSec: Math.max(1, Math.ceil((w.resetAt - now) / 1000)),
    };
  }

  /** Drops every expired window. */
  sweep(now = this.now()): number {
    let dropped = 0;
    for (const [key, w] of this.windows) {
      if (w.resetAt <= now) {
        this.windows.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  private makeRoom(now: number): void {
    if (this.sweep(now) > 0) return;
    // Still full of live windows (a flood of distinct keys): forget the oldest tenth rather than grow without bound.
    // That key's next hit starts a fresh window, the price of a memory cap; Redis has no such cap.
    let toDrop = Math.max(1, Math.floor(this.maxKeys / 10));
    for (const key of this.windows.keys()) {
      this.windows.delete(key);
      if (--toDrop === 0) break;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.windows.clear();
  }
}
