// waitForSession: an await loop over pending-session that long-polls with `Prefer: wait` and falls back to polling.
import { errors, isTerminalCode } from '../errors/catalogue.js';
import type { HttpClient } from '../http/createHttpClient.js';
import { clientFailure, failureOf, readSdkResponse } from '../http/toSdkResponse.js';
import { MAX_WAIT_SEC, PREFER_WAIT_HEADER, routes } from '../wire/routes.js';
import type { JWTResponse, SdkResponse } from '../wire/types.js';

export interface WaitForSessionConfig {
  /** Give up after this long and resolve `ok: false` with `clientTimeout`. Default 600000 (10 min). */
  timeoutMs?: number;
  /** Least time between the starts of two requests that the server answered at once. Default 1000 (1 s). */
  pollingIntervalMs?: number;
  /** Aborting resolves `ok: false` with `clientAborted`. */
  signal?: AbortSignal;
}

export const DEFAULT_WAIT_TIMEOUT_MS = 600_000; // 10 min
export const DEFAULT_POLLING_INTERVAL_MS = 1_000; // 1 s

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Statuses worth another try: not verified yet (401 E066103), rate limited, server trouble. */
function shouldKeepWaiting(result: SdkResponse<JWTResponse>): boolean {
  const code = result.error?.errorCode;
  if (isTerminalCode(code)) return false;
  if (code === errors.notpPending.code) return true;
  const status = result.code ?? 0;
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Waits until the pending login is verified and returns the session. Each request is held by the server for up to
 * `Prefer: wait=<s>` when it echoes `Preference-Applied`; otherwise requests repeat every `pollingIntervalMs`.
 * Stops at once on a terminal code (expired, already used, declined, sender mismatch, …) or any other non-retryable 4xx.
 */
export async function waitForSession(
  http: HttpClient,
  pendingRef: string,
  config: WaitForSessionConfig = {},
): Promise<SdkResponse<JWTResponse>> {
  const timeoutMs = config.timeoutMs && config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_WAIT_TIMEOUT_MS;
  const intervalMs =
    config.pollingIntervalMs && config.pollingIntervalMs > 0 ? config.pollingIntervalMs : DEFAULT_POLLING_INTERVAL_MS;
  const userSignal = config.signal;
  const deadline = Date.now() + timeoutMs;
  let longPoll = true;
  let lastError: SdkResponse<JWTResponse> | undefined;

  for (;;) {
    if (userSignal?.aborted) return clientFailure(errors.clientAborted);
    const startedAt = Date.now();
    const remainingMs = deadline - startedAt;
    if (remainingMs <= 0) break;

    const waitSec = Math.min(MAX_WAIT_SEC, Math.floor(remainingMs / 1000));
    const headers: Record<string, string> = {};
    if (longPoll && waitSec >= 1) headers[PREFER_WAIT_HEADER] = `wait=${waitSec}`;

    // One controller per request: aborted by the caller's signal or by our deadline, whichever comes first.
    const controller = new AbortController();
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const deadlineTimer = setTimeout(
      () => controller.abort(new DOMException('deadline reached', 'TimeoutError')),
      remainingMs,
    );
    let result: SdkResponse<JWTResponse>;
    try {
      const response = await http.post(
        routes.notp.pendingSession,
        { pendingRef },
        { headers, signal: controller.signal },
      );
      if (longPoll && headers[PREFER_WAIT_HEADER] && !response.headers.get('preference-applied')) longPoll = false;
      result = await readSdkResponse<JWTResponse>(response);
    } catch (err) {
      if (userSignal?.aborted) return clientFailure(errors.clientAborted);
      result = failureOf(err, controller.signal);
    } finally {
      clearTimeout(deadlineTimer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }

    if (result.ok) return result;
    if (result.error?.errorCode === errors.clientTimeout.code) break;
    // A network error (e.g. the server restarting) is worth another try until the deadline.
    if (result.error?.errorCode !== errors.clientNetwork.code && !shouldKeepWaiting(result)) return result;
    lastError = result;

    // Never start requests closer than the interval apart (a held long-poll has already waited); honour Retry-After.
    const retryAfterMs = (result.error?.retryAfter ?? 0) * 1000;
    const gapMs = Math.max(intervalMs - (Date.now() - startedAt), retryAfterMs);
    await pause(Math.min(gapMs, deadline - Date.now()), userSignal);
  }

  const last = lastError?.error ? ` (last answer: ${lastError.error.errorCode})` : '';
  return clientFailure(errors.clientTimeout, `Session polling timeout exceeded: ${timeoutMs}ms${last}`);
}
