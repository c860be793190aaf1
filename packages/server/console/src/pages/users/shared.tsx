// shared: what the Users, user, Keys and Audit log pages have in common — the API's shapes, times, URL queries.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NAVIGATE, navigate } from '../../router.js';

/** A user as the management API answers it (packages/core/src/wire/types.ts UserResponse). */
export interface ApiUser {
  userId: string;
  loginIds: string[];
  name?: string;
  email?: string;
  phone?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  roleNames: string[];
  userTenants: { tenantId: string; tenantName?: string; roleNames: string[] }[];
  status: 'enabled' | 'disabled' | 'invited';
  customAttributes: Record<string, unknown>;
  /** Epoch seconds. */
  createdTime: number;
  test?: boolean;
}

/** An epoch-ms time as the admin's local time, with the exact ISO time in `datetime` and the tooltip. */
export function LocalTime(props: { at: number | null | undefined }) {
  if (props.at === null || props.at === undefined) return <span>—</span>;
  const date = new Date(props.at);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {date.toLocaleString()}
    </time>
  );
}

/** The status word of a user, as a small badge that reads the same to screen readers. */
export function StatusBadge(props: { status: ApiUser['status'] }) {
  return <mark class={`status status-${props.status}`}>{props.status}</mark>;
}

/** The query string of the current URL, re-read on every in-app navigation and on back/forward. */
export function useUrlQuery(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const update = () => setSearch(location.search);
    addEventListener('popstate', update);
    addEventListener(NAVIGATE, update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener(NAVIGATE, update);
    };
  }, []);
  return new URLSearchParams(search);
}

/** Replaces the current URL's query (empty values dropped), keeping the path; no new history entry. */
export function replaceQuery(path: string, values: Record<string, string | number | undefined>): void {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  navigate(text ? `${path}?${text}` : path, { replace: true });
}

/** The path of a user's page. */
export const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

/**
 * A table's box: it scrolls sideways on narrow screens instead of the page, and can be focused (then scrolled with
 * the arrow keys) as a named region, so keyboard users reach what is off screen.
 */
export function TableBox(props: { label: string; busy?: boolean; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section class="table-scroll" aria-label={props.label} tabIndex={0} aria-busy={props.busy}>
      {props.children}
    </section>
  );
}
