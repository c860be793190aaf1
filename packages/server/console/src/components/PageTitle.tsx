// PageTitle: a page's <h1>, also the document title; focused on navigation so screen readers announce the new page.
import { useEffect, useRef } from 'preact/hooks';

export function PageTitle(props: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.children} · notp console`;
    heading.current?.focus();
  }, [props.children]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {props.children}
    </h1>
  );
}
