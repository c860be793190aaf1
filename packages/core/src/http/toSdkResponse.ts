// Response → SdkResponse: `{ ok, code, response, data | error }`; never rejects (network, abort, bad body → catalogue codes).
import { type ErrorDef, errors } from '../errors/catalogue.js';
import type { ErrorBody } from '../errors/NotpError.js';
import type { SdkResponse } from '../wire/types.js';

/** An `ok: false` answer for a failure that happened on the client (timeout, abort, network, unreadable body). */
export function clientFailure<T>(def: ErrorDef, message?: string, response?: Response): SdkResponse<T> {
  const result: SdkResponse<T> = {
    ok: false,
    code: response?.status ?? def.status,
    error: { errorCode: def.code, errorDescription: def.description, errorMessage: message ?? def.description },
  };
  if (response) result.response = response;
  return result;
}

/** Why a fetch rejected: a caller's abort, our own deadline (TimeoutError), or the network. */
export function failureOf<T>(err: unknown, signal?: AbortSignal): SdkResponse<T> {
  const name = (err as { name?: unknown } | null)?.name;
  const reason = signal?.aborted ? (signal.reason as { name?: unknown } | undefined) : undefined;
  if (name === 'TimeoutError' || reason?.name === 'TimeoutError') return clientFailure(errors.clientTimeout);
  if (name === 'AbortError' || signal?.aborted) return clientFailure(errors.clientAborted);
  return clientFailure(errors.clientNetwork, `Network error: ${(err as Error)?.message ?? String(err)}`);
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).errorCode === 'string';
}

/** Reads a response into an SdkResponse; `pick` selects the data from a successful body (e.g. `b => b.user`). */
export async function readSdkResponse<T>(response: Response, pick?: (body: never) => T): Promise<SdkResponse<T>> {
  let body: unknown;
  try {
    const text = await response.text();
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    return clientFailure(errors.clientBadResponse, `Unreadable ${response.status} response body`, response);
  }
  if (response.ok) {
    return { ok: true, code: response.status, response, data: (pick ? pick(body as never) : body) as T };
  }
  let error: ErrorBody;
  if (isErrorBody(body)) {
    error = {
      errorCode: body.errorCode,
      errorDescription: String(body.errorDescription ?? ''),
      errorMessage: String(body.errorMessage ?? ''),
    };
  } else {
    error = {
      errorCode: errors.clientBadResponse.code,
      errorDescription: errors.clientBadResponse.description,
      errorMessage: `HTTP ${response.status} without an error body`,
    };
  }
  const retryAfter = Number(response.headers.get('retry-after') ?? (isErrorBody(body) ? body.retryAfter : undefined));
  if (Number.isFinite(retryAfter) && retryAfter >= 0) error.retryAfter = retryAfter;
  return { ok: false, code: response.status, response, error };
}

/** Runs a request and reads it; resolves in every case. */
export async function toSdkResponse<T>(
  request: () => Promise<Response>,
  pick?: (body: never) => T,
  signal?: AbortSignal,
): Promise<SdkResponse<T>> {
  let response: Response;
  try {
    response = await request();
  } catch (err) {
    return failureOf(err, signal);
  }
  return readSdkResponse(response, pick);
}
