// LoadedTable: a user page's section of loaded rows (UserLogins.tsx, UserSessions.tsx): heading, error, empty note, table.
import type { ComponentChildren, VNode } from 'preact';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { Loaded } from '../../components/useLoad.js';
import { TableBox } from './shared.js';

export function LoadedTable<Row>(props: {
  /** The heading's id (the section is labelled by it). */
  id: string;
  /** The heading, also the table's accessible name. */
  title: string;
  load: Loaded<unknown>;
  rows: Row[];
  /** Shown once loaded when there are no rows. */
  empty: string;
  /** Each column's header cell content. */
  columns: ComponentChildren[];
  /** One `<tr>` (with its key) per row. */
  row(row: Row): VNode;
}) {
  return (
    <section aria-labelledby={props.id} aria-busy={props.load.loading}>
      <h2 id={props.id}>{props.title}</h2>
      <ErrorNotice error={props.load.error} />
      {props.load.data && props.rows.length === 0 ? <p>{props.empty}</p> : null}
      {props.rows.length > 0 ? (
        <TableBox label={props.title}>
          <table>
            <thead>
              <tr>
                {props.columns.map((column, i) => (
                  <th key={i} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{props.rows.map(props.row)}</tbody>
          </table>
        </TableBox>
      ) : null}
    </section>
  );
}
