// matchesInterceptUrls: decides whether a request URL may receive the session token (never a third party by default).
import type { InterceptUrls } from '../NotpAuthConfig.js';

const parse = (url: string, base: string | undefined): URL | undefined => {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
};

/** Same origin, and the path equals the prefix's or continues it after a `/` (so `/api` never matches `/apix`). */
const startsWithUrl = (url: URL, prefix: URL): boolean => {
  if (url.origin !== prefix.origin) return false;
  const path = prefix.pathname.replace(/\/+$/, '');
  return path === '' || url.pathname === path || url.pathname.startsWith(`${path}/`);
};

/**
 * `requestUrl` is resolved against `pageUrl` (relative requests go to the page's origin). A URL that does not parse,
 * or a page without an origin (server rendering), only matches an explicit RegExp or predicate.
 */
export function matchesInterceptUrls(
  requestUrl: string,
  pageUrl: string | undefined,
  config: { interceptUrls?: InterceptUrls; baseUrl?: string },
): boolean {
  const url = parse(requestUrl, pageUrl);
  if (!url) return false;
  const rules = config.interceptUrls;
  if (typeof rules === 'function') return rules(url);
  if (rules) {
    return rules.some((rule) => {
      if (rule instanceof RegExp) return rule.test(url.href);
      const prefix = parse(rule, pageUrl);
      return prefix !== undefined && startsWithUrl(url, prefix);
    });
  }
  const defaults = [pageUrl, config.baseUrl].map((u) => (u ? parse(u, undefined) : undefined));
  return defaults.some((base) => base !== undefined && base.origin !== 'null' && base.origin === url.origin);
}
