// documentCookie: read, write and remove one JS-visible cookie (the session token in `sessionTokenViaCookie` mode).

export interface CookieAttributes {
  path?: string;
  domain?: string;
  /** Epoch seconds. */
  expires?: number;
  sameSite?: 'Strict' | 'Lax' | 'None';
  secure?: boolean;
}

const hasDocument = (): boolean => typeof document !== 'undefined';

export function readCookie(name: string): string | undefined {
  if (!hasDocument()) return undefined;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function writeCookie(name: string, value: string, attrs: CookieAttributes): void {
  if (!hasDocument()) return;
  let cookie = `${name}=${encodeURIComponent(value)}; Path=${attrs.path || '/'}`;
  if (attrs.domain) cookie += `; Domain=${attrs.domain}`;
  if (attrs.expires !== undefined) cookie += `; Expires=${new Date(attrs.expires * 1000).toUTCString()}`;
  if (attrs.sameSite) cookie += `; SameSite=${attrs.sameSite}`;
  if (attrs.secure) cookie += '; Secure';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is async and missing in some browsers
  document.cookie = cookie;
}

export function removeCookie(name: string, attrs: Pick<CookieAttributes, 'path' | 'domain'> = {}): void {
  if (!hasDocument()) return;
  let cookie = `${name}=; Path=${attrs.path || '/'}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  if (attrs.domain) cookie += `; Domain=${attrs.domain}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is async and missing in some browsers
  document.cookie = cookie;
}

/** True when `domain` is the page's host or one of its parent domains; a cookie for any other domain is refused. */
export function domainMatchesPage(domain: string | undefined): boolean {
  if (!domain || typeof location === 'undefined') return false;
  const bare = domain.replace(/^\./, '').toLowerCase();
  const host = location.hostname.toLowerCase();
  return host === bare || host.endsWith(`.${bare}`);
}
