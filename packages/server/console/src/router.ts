// router: the console's pages by path under /console/ (history API, no hash), as a small Preact hook and helpers.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';
const NAVIGATE = 'console:navigate';

/** The app path below /console (e.g. `/users/U123`), without the query. */
export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path === '' ? '/' : path;
}

/** Goes to an app path (`/users?q=joe`) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event(NAVIGATE));
}

/** Re-renders on every navigation (links, back/forward); answers the current app path. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    addEventListener('popstate', update);
    addEventListener(NAVIGATE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATE, update);
    };
  }, []);
  return path;
}

/** The query string's values of the current URL. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Matches `/users/:userId` against `/users/U1` → `{ userId: 'U1' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    const value = have[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/** Handles a click on an in-app link: plain left clicks navigate in place, others (new tab…) are the browser's. */
export function followLink(event: MouseEvent, to: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
