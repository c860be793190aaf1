// Management search: the SDKs' search body → the store's query (paged, test users only when asked).
import type { Deps } from '../../deps.js';
import type { UserRecord, UserSearchQuery } from '../../store/ports.js';
import { normalizeLoginId } from './userFields.js';

export interface SearchUsersInput {
  page?: number;
  limit?: number;
  text?: string;
  loginIds?: string[];
  statuses?: UserRecord['status'][];
  roleNames?: string[];
  tenantIds?: string[];
  withTestUser?: boolean;
}

export const DEFAULT_SEARCH_LIMIT = 100; // users per page

export async function searchUsers(
  deps: Deps,
  projectId: string,
  input: SearchUsersInput,
): Promise<{ users: UserRecord[]; total: number }> {
  const query: UserSearchQuery = {
    page: input.page ?? 0,
    limit: input.limit || DEFAULT_SEARCH_LIMIT,
    withTestUsers: input.withTestUser === true,
  };
  if (input.text) query.text = input.text;
  if (input.loginIds?.length) query.loginIds = input.loginIds.map(normalizeLoginId);
  if (input.statuses?.length) query.statuses = input.statuses;
  if (input.roleNames?.length) query.roleNames = input.roleNames;
  if (input.tenantIds?.length) query.tenantIds = input.tenantIds;
  return deps.store.users.search(projectId, query);
}
