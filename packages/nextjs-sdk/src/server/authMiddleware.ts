// authMiddleware: a Next.js middleware (or proxy) that redirects requests without a valid notp session to sign-in.
import { type NextRequest, NextResponse } from 'next/server';
import { type SessionValidatorOptions, sessionValidatorFor } from './SessionValidator.js';
import { sessionTokenOf } from './sessionTokenOf.js';

/** A path (matches itself and everything below it: `/docs` → `/docs`, `/docs/a`; `/` only itself) or a RegExp. */
export type RoutePattern = string | RegExp;

export interface AuthMiddlewareOptions extends SessionValidatorOptions {
  /**
   * Where a request without a session goes (path or absolute URL); always public. Default `/sign-in`. A path is
   * resolved against the origin the browser asked for (its `Host` header), not Next's listen address.
   */
  redirectUrl?: string;
  /** Paths reachable without a session; everything else is private. Ignored when `privateRoutes` is set. */
  publicRoutes?: RoutePattern[];
  /** Only these paths need a session; everything else is public. */
  privateRoutes?: RoutePattern[];
}

const matches = (pathname: string, patterns: RoutePattern[]): boolean =>
  patterns.some((pattern) => {
    if (pattern instanceof RegExp) return pattern.test(pathname);
    const path = pattern.replace(/\/+$/, '');
    return path === '' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
  });

/**
 * The URL the browser asked for: `request.url` with the `Host` header's host. Next builds `request.url` from its own
 * listen address, which is not always the one the browser used (`localhost` for `127.0.0.1`, `0.0.0.0`, a container
 * name), and a redirect there would leave the app's origin and its cookies behind.
 */
function requestedUrl(request: NextRequest): URL {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  if (host) {
    // The URL parser validates it: a host that does not parse leaves request.url's host in place.
    const asked = new URL(url);
    asked.host = host;
    if (asked.host === host.toLowerCase()) return asked;
  }
  return url;
}

/**
 * `export default authMiddleware({ projectId, baseUrl, redirectUrl, publicRoutes })` in `middleware.ts` (or `proxy.ts`).
 * Validates the session locally (cached JWKS, no request to notp per page) and passes it on; redirects otherwise.
 */
export function authMiddleware(options: AuthMiddlewareOptions = {}): (request: NextRequest) => Promise<NextResponse> {
  const validator = sessionValidatorFor(options); // throws at once when there is no project id
  const redirectUrl = options.redirectUrl ?? '/sign-in';
  return async (request) => {
    const { pathname } = request.nextUrl;
    const asked = requestedUrl(request);
    const signIn = new URL(redirectUrl, asked);
    const isSignInPage = signIn.origin === asked.origin && signIn.pathname === pathname;
    const isPrivate =
      !isSignInPage &&
      (options.privateRoutes
        ? matches(pathname, options.privateRoutes)
        : !matches(pathname, options.publicRoutes ?? []));
    if (!isPrivate) return NextResponse.next();
    const token = sessionTokenOf(request.headers);
    const session = token ? await validator.validate(token) : undefined;
    return session ? NextResponse.next() : NextResponse.redirect(signIn);
  };
}
