// sessionTokenOf: finds the session JWT of a request: `Authorization: Bearer <jwt>`, else the `DS` cookie.
import { SESSION_COOKIE_NAME } from '@notp/core';

/** Three base64url parts: a JWT, not `Bearer <projectId>:<refreshJwt>` as the browser SDK sends to notp itself. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function bearerTokenOf(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  const token = match?.[1];
  return token && JWT_SHAPE.test(token) ? token : undefined;
}

/** Reads one cookie from a `Cookie` header. */
export function cookieOf(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value) || undefined;
      } catch {
        return value || undefined;
      }
    }
  }
  return undefined;
}

export function sessionTokenOf(headers: { get(name: string): string | null }): string | undefined {
  return bearerTokenOf(headers.get('authorization')) ?? cookieOf(headers.get('cookie'), SESSION_COOKIE_NAME);
}
