// Link: an in-app link to a console page (a real <a href>, so it opens in a new tab and reads well to screen readers).
import type { ComponentChildren } from 'preact';
import { BASE, followLink } from '../router.js';

export function Link(props: { to: string; children: ComponentChildren; current?: boolean; class?: string }) {
  return (
    <a
      href={`${BASE}${props.to}`}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => followLink(event, props.to)}
    >
      {props.children}
    </a>
  );
}
