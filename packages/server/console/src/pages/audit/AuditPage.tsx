// AuditPage: the project's audit log, newest first — filters by type, user and time (kept in the URL), "Load more".
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import { replaceQuery, TableBox, useUrlQuery } from '../users/shared.js';
import { AuditFilters, type Filters } from './AuditFilters.js';
import { type AuditEvent, AuditTable } from './AuditTable.js';

/** Events per page. */
const PAGE_SIZE = 50;

interface AuditPage {
  events: AuditEvent[];
  next?: number;
}

/** A `datetime-local` value (the admin's local time) → epoch ms; undefined when empty or not a time. */
export function epochOf(local: string): number | undefined {
  if (!local) return undefined;
  const ms = new Date(local).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function AuditPage() {
  const url = useUrlQuery();
  const filters: Filters = {
    type: url.get('type') ?? '',
    userId: url.get('userId') ?? '',
    from: url.get('from') ?? '',
    to: url.get('to') ?? '',
  };
  const key = JSON.stringify(filters);
  const fetchPage = (cursor?: number) =>
    api<AuditPage>('GET', '/v1/mgmt/notp/audit', undefined, {
      type: filters.type || undefined,
      userId: filters.userId || undefined,
      since: epochOf(filters.from),
      // `to` is a whole minute: events during that minute are included.
      until: filters.to ? (epochOf(filters.to) ?? 0) + 59_999 : undefined,
      cursor,
      limit: PAGE_SIZE,
    });
  const first = useLoad(() => fetchPage(), [key]);
  // Pages loaded with "Load more", for the filters they were loaded with.
  const [more, setMore] = useState<{ key: string; events: AuditEvent[]; next?: number }>({ key, events: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const extra = more.key === key ? more : { key, events: [], next: undefined };
  const events = [...(first.data?.events ?? []), ...extra.events];
  const next = extra.events.length > 0 ? extra.next : first.data?.next;

  const loadMore = async () => {
    if (next === undefined) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(next);
      setMore({ key, events: [...extra.events, ...page.events], next: page.next });
    } catch (caught) {
      setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <PageTitle>Audit log</PageTitle>
      <AuditFilters
        filters={filters}
        onApply={(applied) => replaceQuery('/audit', { ...applied })}
        onClear={() => replaceQuery('/audit', {})}
      />
      <ErrorNotice error={first.error} />
      <p role="status">
        {first.data
          ? events.length === 0
            ? 'No events match these filters.'
            : `${events.length.toLocaleString()} events shown, newest first.`
          : null}
      </p>
      <TableBox label="Audit events" busy={first.loading}>
        {events.length > 0 ? <AuditTable events={events} /> : null}
      </TableBox>
      <ErrorNotice error={moreError} />
      {next !== undefined && !first.loading ? (
        <button type="button" class="secondary" aria-busy={loadingMore} disabled={loadingMore} onClick={loadMore}>
          Load more
        </button>
      ) : null}
    </>
  );
}
