// Security headers on every answer (API JSON, errors, preflights, pages): set here once, unless a route chose its own.
import type { FastifyInstance } from 'fastify';

/** One year, seconds: browsers keep using https for the host this long after one https answer. */
const HSTS_MAX_AGE_SEC = 31_536_000;

/**
 * - `X-Content-Type-Options: nosniff`: a JSON error echoing input is never sniffed into HTML or script.
 * - `Referrer-Policy: no-referrer`: page URLs (the simulator's carries the login message) never leak onwards.
 * - `X-Frame-Options: DENY` and, on non-HTML answers, `Content-Security-Policy: default-src 'none';
 *   frame-ancestors 'none'`: nothing of ours can be framed (clickjacking) or run as a document. HTML pages send their
 *   own CSP (the simulator's chat page does); a page that must be framable sets its own frame-ancestors, and then
 *   X-Frame-Options is left out (it cannot express an allow-list).
 * - `Cache-Control: no-store` unless the route set a policy (JWKS and the SDK bundle are public and cacheable):
 *   auth answers carry tokens and user data that no proxy or browser cache may keep.
 * - `Strict-Transport-Security` when the public URL is https.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const hsts = publicUrl.startsWith('https:') ? `max-age=${HSTS_MAX_AGE_SEC}` : null;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
    const csp = reply.getHeader('content-security-policy');
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (csp === undefined && !contentType.startsWith('text/html')) {
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    const framable = typeof csp === 'string' && /frame-ancestors\s+(?!'none')/.test(csp);
    if (!framable && !reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (hsts) reply.header('strict-transport-security', hsts);
    return payload;
  });
}
