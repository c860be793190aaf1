// Management create: a new user with the given login ids and fields (test users flagged); taken login id → 409.
import { errors, NotpError, type MgmtUserRequest } from '@notp/core';
import type { Deps } from '../../deps.js';
import { LoginIdTakenError, type UserRecord } from '../../store/ports.js';
import { newUserId } from '../../users/newUserId.js';
import { withTenantNames } from './authz/assignable.js';
import { normalizeLoginId, userFieldsOf } from './userFields.js';

export async function createUser(
  deps: Deps,
  projectId: string,
  input: MgmtUserRequest,
  opts: { test: boolean },
): Promise<UserRecord> {
  const loginIds = [...new Set([input.loginId, ...(input.additionalLoginIds ?? [])].map(normalizeLoginId))];
  const now = deps.clock.now();
  const user: UserRecord = {
    projectId,
    userId: newUserId(deps.random),
    loginIds,
    verifiedEmail: false,
    verifiedPhone: false,
    roleNames: [],
    userTenants: [],
    status: 'enabled',
    customAttributes: {},
    test: opts.test || input.test === true,
    createdAt: now,
    updatedAt: now,
    ...userFieldsOf(input),
  };
  // Roles and tenants must exist (roleNotFound / tenantNotFound otherwise); memberships get the tenant's name.
  user.userTenants = await withTenantNames(deps, projectId, user.roleNames, user.userTenants);
  try {
    await deps.store.users.create(user);
  } catch (err) {
    if (err instanceof LoginIdTakenError) {
      throw new NotpError(errors.userAlreadyExists, { message: 'A user with this login id already exists' });
    }
    throw err;
  }
  return user;
}
