// AuditFilters: the audit log's filter form — event type, user id, and a time range in the admin's local time.
import { useEffect, useState } from 'preact/hooks';
import { AUDIT_EVENT_TYPES } from '../../../../src/store/auditPorts.js';

export interface Filters {
  /** An event type, or '' for every type. */
  type: string;
  userId: string;
  /** `datetime-local` values ('' = open). */
  from: string;
  to: string;
}

/** The event types the server records: its own list (the console is built from the same package). */
export const EVENT_TYPES: readonly string[] = AUDIT_EVENT_TYPES;

export function AuditFilters(props: { filters: Filters; onApply(filters: Filters): void; onClear(): void }) {
  const [draft, setDraft] = useState<Filters>(props.filters);
  const applied = JSON.stringify(props.filters);
  // The form follows the URL when it changes from outside (a link from a user's page, back/forward).
  useEffect(() => setDraft(props.filters), [applied]);
  const field = (name: keyof Filters) => ({
    name,
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.currentTarget as HTMLInputElement).value }),
  });
  const types = EVENT_TYPES.includes(draft.type) || !draft.type ? EVENT_TYPES : [...EVENT_TYPES, draft.type];
  return (
    <form
      class="filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        props.onApply({ ...draft, userId: draft.userId.trim() });
      }}
    >
      <div class="grid">
        <label>
          Event type
          <select {...field('type')} onChange={field('type').onInput}>
            <option value="">All types</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          User id
          <input type="text" autocomplete="off" spellcheck={false} {...field('userId')} />
        </label>
        <label>
          From
          <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          To
          <input type="datetime-local" {...field('to')} />
        </label>
      </div>
      <div class="actions">
        <button type="submit">Apply filters</button>
        <button type="button" class="secondary outline" onClick={props.onClear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
