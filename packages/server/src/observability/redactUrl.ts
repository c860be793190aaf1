// redactUrl: a request URL safe for logs — query values that may carry a secret (tokens, keys, message codes) masked.

/** Query parameter names whose values never reach a log: Meta's verify token, codes, tokens, keys, message texts. */
const SECRET_PARAM = /token|key|code|secret|password|signature|text|challenge|ref|jwt/i;

export const REDACTED = '[redacted]';

/**
 * The URL with every secret-looking query value replaced by `[redacted]` (names kept, so the log still says what was
 * asked). `hub.verify_token`, the simulator chat's `text` (it holds the message code), and any `code`, `token`, `key`.
 * A query that does not parse is dropped whole.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const path = url.slice(0, at);
  const query = url.slice(at + 1);
  try {
    const parts = query.split('&').map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const name = decodeURIComponent(part.slice(0, eq).replace(/\+/g, ' '));
      return SECRET_PARAM.test(name) ? `${part.slice(0, eq)}=${REDACTED}` : part;
    });
    return `${path}?${parts.join('&')}`;
  } catch {
    return `${path}?${REDACTED}`;
  }
}
