// Shared by the Express and Fastify glue: find the session in a request, validate it, refresh when only DSR is valid.
import { type AuthenticationInfo, type ErrorBody, errors, REFRESH_COOKIE_NAME, SESSION_COOKIE_NAME } from '@notp/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { NotpNodeClient } from '../NotpClient.js';
import { cookieValue } from '../session/jwtResponseToCookies.js';

export type AuthOutcome =
  | { ok: true; authInfo: AuthenticationInfo; setCookies: string[] }
  | { ok: false; body: ErrorBody };

/** The session JWT (Bearer, else DS cookie) and refresh JWT (DSR cookie) a request carries. */
export function tokensOf(headers: IncomingHttpHeaders): { session?: string; refresh?: string } {
  const auth = headers.authorization;
  const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const cookie = headers.cookie;
  return {
    session: bearer || cookieValue(cookie, SESSION_COOKIE_NAME) || undefined,
    refresh: cookieValue(cookie, REFRESH_COOKIE_NAME) || undefined,
  };
}

const unauthorized = (message: string): AuthOutcome => ({
  ok: false,
  body: {
    errorCode: errors.invalidToken.code,
    errorDescription: errors.invalidToken.description,
    errorMessage: message,
  },
});

/** Validates locally; only when the session is missing or invalid and a refresh JWT is present does it call refresh. */
export async function authenticateRequest(client: NotpNodeClient, headers: IncomingHttpHeaders): Promise<AuthOutcome> {
  const { session, refresh } = tokensOf(headers);
  if (!session && !refresh) return unauthorized('No session token');
  if (session) {
    try {
      return { ok: true, authInfo: await client.validateSession(session), setCookies: [] };
    } catch {
      if (!refresh) return unauthorized('Invalid or expired session token');
    }
  }
  try {
    const authInfo = await client.refreshSession(refresh ?? '');
    return { ok: true, authInfo, setCookies: authInfo.cookies ?? [] };
  } catch {
    return unauthorized('Invalid or expired session');
  }
}
