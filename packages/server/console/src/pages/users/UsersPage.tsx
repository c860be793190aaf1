// UsersPage: the project's users — a debounced text search kept in the URL (?q=), paged 25 at a time, newest first.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Link } from '../../components/Link.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import { CreateUser } from './CreateUser.js';
import { type ApiUser, LocalTime, replaceQuery, StatusBadge, TableBox, useUrlQuery, userPath } from './shared.js';

/** Users per page. */
export const PAGE_SIZE = 25;
/** Quiet time after the last keystroke before the search runs, ms. */
const DEBOUNCE_MS = 300;

/**
 * What the search sends as `text` (a substring of name, email, phone or a login id): a phone typed the way people
 * write it ("+1 (650) 555-0100") loses its spaces, dashes and brackets, because phones are stored in E.164.
 */
export function searchTextOf(query: string): string {
  const text = query.trim();
  if (/^\+?[\d\s().-]+$/.test(text) && /\d{3}/.test(text.replace(/\D/g, ''))) return text.replace(/[\s().-]/g, '');
  return text;
}

const pageOf = (value: string | null): number => {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
};

export function UsersPage() {
  const url = useUrlQuery();
  const q = url.get('q') ?? '';
  const page = pageOf(url.get('page'));
  const [typed, setTyped] = useState(q);

  // The box follows the URL when it changes from outside (back/forward, the "Users" link).
  useEffect(() => setTyped((previous) => (previous.trim() === q ? previous : q)), [q]);
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = setTimeout(() => replaceQuery('/users', { q: typed.trim() }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, q]);

  const result = useLoad(
    () =>
      api<{ users: ApiUser[]; total: number }>('POST', '/v2/mgmt/user/search', {
        page: page - 1,
        limit: PAGE_SIZE,
        sort: [{ field: 'createdTime', desc: true }],
        ...(q ? { text: searchTextOf(q) } : {}),
      }),
    [q, page],
  );
  const total = result.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const goTo = (next: number) => replaceQuery('/users', { q, page: next > 1 ? next : undefined });

  return (
    <>
      <PageTitle>Users</PageTitle>
      <CreateUser />
      <form onSubmit={(event) => event.preventDefault()}>
        <label>
          Search users
          <input
            type="search"
            name="q"
            value={typed}
            placeholder="Phone, email, name or login id"
            autocomplete="off"
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
      </form>
      <ErrorNotice error={result.error} />
      <p role="status">
        {result.data
          ? total === 0
            ? q
              ? `No user matches “${q}”.`
              : 'This project has no users yet.'
            : `${total.toLocaleString()} ${total === 1 ? 'user' : 'users'}${q ? ` match “${q}”` : ''}.`
          : null}
      </p>
      <TableBox label="Users" busy={result.loading}>
        {result.data && result.data.users.length > 0 ? <UserTable users={result.data.users} /> : null}
      </TableBox>
      {result.data && total > PAGE_SIZE ? (
        <nav aria-label="Pages of users" class="pager">
          <button type="button" class="secondary" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            Previous
          </button>
          <span>
            Page {page.toLocaleString()} of {pages.toLocaleString()}
          </span>
          <button type="button" class="secondary" disabled={page >= pages} onClick={() => goTo(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </>
  );
}

function UserTable(props: { users: ApiUser[] }) {
  return (
    <table class="striped">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Login ids</th>
          <th scope="col">Phone</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {props.users.map((user) => (
          <tr key={user.userId}>
            <td>
              <Link to={userPath(user.userId)} class="nowrap">
                {user.name || user.loginIds[0] || user.userId}
              </Link>
            </td>
            <td>{user.loginIds.join(', ')}</td>
            <td>{user.phone ?? ''}</td>
            <td>{user.email ?? ''}</td>
            <td>
              <StatusBadge status={user.status} />
            </td>
            <td>
              <LocalTime at={user.createdTime * 1000} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
