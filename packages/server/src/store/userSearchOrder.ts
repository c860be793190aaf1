// The ORDER BY of a user search, shared by both SQL adapters (same columns, same NULL placement).
import type { UserSearchQuery, UserSortField } from './ports.js';

const SORT_COLUMNS: Record<UserSortField, string> = {
  createdTime: 'u.created_at',
  modifiedTime: 'u.updated_at',
  name: 'u.name',
  email: 'u.email',
  phone: 'u.phone',
  status: 'u.status',
  userId: 'u.user_id',
};

/**
 * The whitelisted column (never text from the request), then the user id, so the order is total and pages never
 * overlap. NULLs (users without a name, email, phone) sort first ascending and last descending in both databases.
 */
export function orderByOf(sort: UserSearchQuery['sort']): string {
  const column = SORT_COLUMNS[sort?.field ?? 'createdTime'];
  const dir = sort?.desc ? 'DESC' : 'ASC';
  const nulls = sort?.desc ? 'NULLS LAST' : 'NULLS FIRST';
  return column === 'u.user_id' ? `u.user_id ${dir}` : `${column} ${dir} ${nulls}, u.user_id ${dir}`;
}
