// ProviderSendError: why a provider refused or failed to send a message, and whether trying again can help.

export class ProviderSendError extends Error {
  /** True for throttling, server errors and network failures: the reply queue tries again with backoff. */
  readonly retryable: boolean;
  /** HTTP status of the provider's answer; 0 for a network failure or timeout. */
  readonly status: number;
  /** The provider's own error code (Graph `error.code`, Twilio `code`), when it gave one. */
  readonly providerCode: number | null;
  /** The provider's `Retry-After`, ms, when it sent one: the queue waits at least this long before trying again. */
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    opts: {
      retryable: boolean;
      status: number;
      providerCode?: number | null;
      retryAfterMs?: number | null;
      cause?: unknown;
    },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderSendError';
    this.retryable = opts.retryable;
    this.status = opts.status;
    this.providerCode = opts.providerCode ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** True when a send failure is worth another attempt (unknown errors are not: they are likely bugs). */
export function isRetryableSendError(err: unknown): boolean {
  return err instanceof ProviderSendError && err.retryable;
}

/** `Retry-After` in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMsOf(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^[0-9]{1,9}$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
