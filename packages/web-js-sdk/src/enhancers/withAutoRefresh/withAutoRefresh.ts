// withAutoRefresh: refreshes the session before the session JWT expires, at once when a sleeping tab wakes late, and
// again with backoff when a refresh fails without ending the session (offline, server errors).
import type { JWTResponse } from '@notp/core';
import type { EnhancerContext, SdkBuilder } from '../../internal/EnhancerContext.js';
import type { SessionCore } from '../../internal/createSessionCore.js';
import { decodeJwtClaims } from '../../internal/decodeJwtClaims.js';
import type { NotpSdkOptions } from '../../NotpSdkOptions.js';
import { refreshDelayMs } from './refreshDelayMs.js';

/** After a refresh that failed without ending the session (offline, 5xx, 429): retry after 2 s, 4 s, 8 s … */
export const RETRY_FIRST_MS = 2_000;
/** … never waiting longer than this between tries … */
export const RETRY_MAX_MS = 60_000;
/** … and at most this many times in a row (then a wake-up — focus, tab shown — tries again). */
export const RETRY_MAX_TRIES = 8;

/**
 * The session's remaining lifetime as the server meant it: `exp − iat` of a token it just issued, so a client clock
 * that is off does not make us refresh in a loop (or too late); `sessionExpiration − now` when `iat` is missing.
 */
function remainingLifetimeMs(session: JWTResponse): number {
  const claims = session.claims ?? decodeJwtClaims(session.sessionJwt);
  const exp = typeof claims?.exp === 'number' ? claims.exp : session.sessionExpiration;
  const iat = typeof claims?.iat === 'number' ? claims.iat : undefined;
  if (typeof exp !== 'number') return 0;
  return iat !== undefined ? (exp - iat) * 1000 : exp * 1000 - Date.now();
}

export function withAutoRefresh<S extends SessionCore>(
  next: SdkBuilder<S, NotpSdkOptions>,
): SdkBuilder<S, NotpSdkOptions> {
  return (options: NotpSdkOptions, context: EnhancerContext) => {
    if (options.autoRefresh === false) return next(options, context);

    let timer: ReturnType<typeof setTimeout> | undefined;
    /** When the planned refresh is due (epoch ms); timers are throttled or frozen while a tab sleeps. */
    let dueAt: number | undefined;
    let inFlight: Promise<unknown> | undefined;
    let wakeListenersAdded = false;
    let sdk: S | undefined;
    let retries = 0;

    const cancel = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      dueAt = undefined;
    };
    const refreshNow = () => {
      if (inFlight || !sdk) return;
      inFlight = sdk
        .refresh()
        .then((result) => {
          // A failure that ended the session cleared dueAt (onSessionEnd); a success planned the next refresh. What
          // is left is a transient failure with the session still on: try again soon rather than wait for a wake-up.
          if (result.ok || dueAt === undefined || timer !== undefined || retries >= RETRY_MAX_TRIES) return;
          const delay = Math.min(RETRY_FIRST_MS * 2 ** retries, RETRY_MAX_MS);
          retries++;
          dueAt = Date.now() + delay;
          timer = setTimeout(onTimer, delay);
        })
        .finally(() => {
          inFlight = undefined;
        });
    };
    const onTimer = () => {
      timer = undefined;
      // A hidden tab refreshes when it is shown again (see onWake), not in the background.
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      refreshNow();
    };
    const onWake = () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      if (dueAt !== undefined && Date.now() >= dueAt) refreshNow();
    };
    const addWakeListeners = () => {
      if (wakeListenersAdded || typeof document === 'undefined') return;
      wakeListenersAdded = true;
      document.addEventListener('visibilitychange', onWake);
      if (typeof window !== 'undefined') window.addEventListener('focus', onWake);
    };

    context.listeners.push({
      onSession(session) {
        cancel();
        retries = 0;
        const delay = refreshDelayMs(remainingLifetimeMs(session));
        dueAt = Date.now() + delay;
        timer = setTimeout(onTimer, delay);
        addWakeListeners();
      },
      onSessionEnd: cancel,
    });

    sdk = next(options, context);
    return sdk;
  };
}
