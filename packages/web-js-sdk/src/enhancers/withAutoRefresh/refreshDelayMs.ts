// refreshDelayMs: when to refresh a session of a given remaining lifetime (20 s early, half-way for short ones).

/** Refresh this long before the session JWT expires. */
export const REFRESH_EARLY_MS = 20_000; // 20 s
/** setTimeout's largest delay; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1; // ~24.8 days

/**
 * Milliseconds from now until the refresh: `lifetime − 20 s`, or half the lifetime when that is later (very short
 * sessions would otherwise refresh almost at once, over and over), never negative, never past setTimeout's limit.
 */
export function refreshDelayMs(remainingLifetimeMs: number): number {
  if (!(remainingLifetimeMs > 0)) return 0;
  const delay = Math.max(remainingLifetimeMs - REFRESH_EARLY_MS, remainingLifetimeMs / 2);
  return Math.min(Math.floor(delay), MAX_TIMER_MS);
}
