// @notp/nextjs-sdk/server: session validation for Server Components, route handlers and middleware, named by hand.
import type { AuthenticationInfo } from '@notp/core';
import { cookies, headers } from 'next/headers';
import { type SessionValidatorOptions, sessionValidatorFor } from './server/SessionValidator.js';
import { bearerTokenOf, sessionTokenOf } from './server/sessionTokenOf.js';
import { SESSION_COOKIE_NAME } from '@notp/core';

export { authMiddleware } from './server/authMiddleware.js';
export type { AuthMiddlewareOptions, RoutePattern } from './server/authMiddleware.js';
export { createSessionValidator } from './server/SessionValidator.js';
export type { SessionValidator, SessionValidatorOptions } from './server/SessionValidator.js';
export type { AuthenticationInfo };

/**
 * The current request's session in a Server Component, Server Action or route handler (`next/headers`):
 * `Authorization: Bearer <session JWT>`, else the `DS` cookie, validated locally. Undefined when there is none.
 */
export async function session(options?: SessionValidatorOptions): Promise<AuthenticationInfo | undefined> {
  const validator = sessionValidatorFor(options);
  const token =
    bearerTokenOf((await headers()).get('authorization')) ?? (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  return token ? validator.validate(token) : undefined;
}

/** The session of a `Request` (a `NextRequest` in middleware, or a Pages Router API request turned into one). */
export async function getSession(
  request: { headers: { get(name: string): string | null } },
  options?: SessionValidatorOptions,
): Promise<AuthenticationInfo | undefined> {
  const validator = sessionValidatorFor(options);
  const token = sessionTokenOf(request.headers);
  return token ? validator.validate(token) : undefined;
}
