// Allowed-origin entries: an exact browser origin (`https://app.example.com`) or a port wildcard (`http://localhost:*`).

/** Longest origin entry, characters (a host name is ≤ 253). */
export const ORIGIN_MAX = 300;

/**
 * Why `value` is not a valid allowedOrigins entry, or null when it is. An entry must be written exactly as browsers
 * send the `Origin` header — `http(s)://host[:port]`, lower case, no path, no default port — because it is compared
 * as text; `scheme://host:*` allows any port of that host (development).
 */
export function originProblem(value: string): string | null {
  if (value.length === 0 || value.length > ORIGIN_MAX) return `must be 1 to ${ORIGIN_MAX} characters`;
  const anyPort = value.endsWith(':*');
  const base = anyPort ? value.slice(0, -2) : value;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return 'must be an origin: http(s)://host[:port], or http(s)://host:* for any port';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (anyPort && url.port !== '') return 'must be http(s)://host:* (a port or a wildcard, not both)';
  if (url.origin !== base) {
    const hint = url.origin === 'null' ? '' : ` (as browsers send it: ${url.origin}${anyPort ? ':*' : ''})`;
    return `must be exactly scheme://host[:port], lower case, no path or default port${hint}`;
  }
  return null;
}
