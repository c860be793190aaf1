// api: the console's one way to call the server — same-origin fetch with the session cookie and the CSRF header.
import type { ConsoleSession } from './session.js';

/** An error answer of the server: its catalogue code (docs/errors.md), HTTP status and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

/** Keeps the session's CSRF token for every later call (null when signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the console session is gone (expired, revoked, logged out elsewhere). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

type Query = Record<string, string | number | undefined>;

/**
 * Calls the server and answers its JSON; throws ApiError on an error answer. A 401 also tells the app to show the
 * sign-in screen. The cookie goes along by itself (same origin); the CSRF header proves the page is ours.
 */
export async function api<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-notp-csrf'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : {};
  if (!response.ok) {
    const error = json as { errorCode?: string; errorMessage?: string; errorDescription?: string };
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    throw new ApiError(
      response.status,
      error.errorCode ?? `http-${response.status}`,
      error.errorMessage || error.errorDescription || `The server answered ${response.status}.`,
    );
  }
  return json as T;
}

/** The signed-in console session, or null when there is none. */
export async function currentSession(): Promise<ConsoleSession | null> {
  try {
    return await api<ConsoleSession>('GET', '/console/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
