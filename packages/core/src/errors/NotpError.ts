// NotpError: the one error class thrown by server flows; carries a catalogue entry plus a log-only detail.
import type { ErrorDef } from './catalogue.js';

/** The JSON body of every error answer (CONTRACT.md §2). */
export interface ErrorBody {
  errorCode: string;
  errorDescription: string;
  errorMessage: string;
  /** Seconds; present on 429 answers (mirrors the `Retry-After` header). */
  retryAfter?: number;
}

export class NotpError extends Error {
  readonly def: ErrorDef;
  /** Safe text for this request, sent as `errorMessage`. Defaults to the description. */
  readonly publicMessage: string;
  /** Extra context for logs only; never sent on the wire. */
  readonly detail: string | undefined;
  /** Seconds, for rate-limit answers. */
  readonly retryAfter: number | undefined;

  constructor(def: ErrorDef, opts: { message?: string; detail?: string; retryAfter?: number; cause?: unknown } = {}) {
    super(opts.message ?? def.description, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'NotpError';
    this.def = def;
    this.publicMessage = opts.message ?? def.description;
    this.detail = opts.detail;
    this.retryAfter = opts.retryAfter;
  }

  get code(): string {
    return this.def.code;
  }

  get status(): number {
    return this.def.status;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = {
      errorCode: this.def.code,
      errorDescription: this.def.description,
      errorMessage: this.publicMessage,
    };
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}

export function isNotpError(e: unknown): e is NotpError {
  return e instanceof NotpError;
}
