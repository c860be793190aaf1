// What a flow that issues or refreshes a session hands to its route: the JSON body plus the cookies to set.
import type { JWTResponse } from '@notp/core';

/** The subset of cookie attributes we set (compatible with @fastify/cookie's serialize options). */
export interface SessionCookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'strict' | 'lax' | 'none';
  path?: string;
  domain?: string;
  /** Seconds. */
  maxAge?: number;
}

export interface SessionCookie {
  name: string;
  value: string;
  options: SessionCookieOptions;
}

export interface IssuedSession {
  response: JWTResponse;
  /** Set only when the project delivers tokens as cookies (`tokenDelivery: 'cookies'`). */
  cookies: SessionCookie[];
}
