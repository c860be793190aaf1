// Management search: the SDKs' search body (every field the official SDKs send) → the store's query.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import { USER_SORT_FIELDS, type UserRecord, type UserSearchQuery, type UserSortField } from '../../store/ports.js';
import { normalizePhone } from '../../users/phone.js';
import { normalizeLoginId } from './userFields.js';

export interface SearchUsersInput {
  page?: number;
  limit?: number;
  text?: string;
  loginIds?: string[];
  userIds?: string[];
  emails?: string[];
  phones?: string[];
  statuses?: UserRecord['status'][];
  roleNames?: string[];
  tenantIds?: string[];
  customAttributes?: Record<string, unknown>;
  withTestUser?: boolean;
  testUsersOnly?: boolean;
  /** Epoch ms; 0 = unset (the Go SDK sends zero values). */
  fromCreatedTime?: number;
  toCreatedTime?: number;
  fromModifiedTime?: number;
  toModifiedTime?: number;
  sort?: { field: string; desc?: boolean }[];
  /** Filters notp does not have (SSO apps, per-tenant role matching): refused when non-empty, never ignored. */
  ssoAppIds?: string[];
  tenantRoleIds?: Record<string, unknown>;
  tenantRoleNames?: Record<string, unknown>;
}

export const DEFAULT_SEARCH_LIMIT = 100; // users per page

const bad = (message: string) => new NotpError(errors.invalidArguments, { message });

/** `{ a: 1, b: [2, 3] }` → `{ a: [1], b: [2, 3] }`: each attribute may equal any of its values. */
function attributeFilter(attrs: Record<string, unknown>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

export function searchQueryOf(input: SearchUsersInput): UserSearchQuery {
  if (input.ssoAppIds?.length) throw bad('ssoAppIds: notp has no SSO applications');
  for (const field of ['tenantRoleIds', 'tenantRoleNames'] as const) {
    if (Object.keys(input[field] ?? {}).length > 0) throw bad(`${field} is not supported; use tenantIds and roleNames`);
  }
  const query: UserSearchQuery = {
    page: input.page ?? 0,
    limit: input.limit || DEFAULT_SEARCH_LIMIT,
    withTestUsers: input.withTestUser === true,
  };
  if (input.testUsersOnly === true) query.testUsersOnly = true;
  if (input.text) query.text = input.text;
  if (input.loginIds?.length) query.loginIds = input.loginIds.map(normalizeLoginId);
  if (input.userIds?.length) query.userIds = input.userIds;
  if (input.emails?.length) query.emails = input.emails.map((e) => e.trim().toLowerCase());
  if (input.phones?.length) {
    query.phones = input.phones.map((p) => {
      const phone = normalizePhone(p);
      if (!phone) throw bad(`phones: "${p}" is not a possible phone number`);
      return phone;
    });
  }
  if (input.statuses?.length) query.statuses = input.statuses;
  if (input.roleNames?.length) query.roleNames = input.roleNames;
  if (input.tenantIds?.length) query.tenantIds = input.tenantIds;
  const attrs = attributeFilter(input.customAttributes ?? {});
  if (Object.keys(attrs).length > 0) query.customAttributes = attrs;
  if (input.fromCreatedTime) query.fromCreatedAt = input.fromCreatedTime;
  if (input.toCreatedTime) query.toCreatedAt = input.toCreatedTime;
  if (input.fromModifiedTime) query.fromUpdatedAt = input.fromModifiedTime;
  if (input.toModifiedTime) query.toUpdatedAt = input.toModifiedTime;
  const [first, ...rest] = input.sort ?? [];
  if (rest.length > 0) throw bad('sort: notp sorts by one field');
  if (first) {
    if (!USER_SORT_FIELDS.includes(first.field as UserSortField)) {
      throw bad(`sort: field must be one of ${USER_SORT_FIELDS.join(', ')}`);
    }
    query.sort = { field: first.field as UserSortField, desc: first.desc === true };
  }
  return query;
}

export async function searchUsers(
  deps: Deps,
  projectId: string,
  input: SearchUsersInput,
): Promise<{ users: UserRecord[]; total: number }> {
  return deps.store.users.search(projectId, searchQueryOf(input));
}
