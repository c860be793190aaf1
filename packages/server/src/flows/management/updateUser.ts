// Management update (replace the user's fields) and patch (change only the given fields).
import { errors, NotpError, type MgmtUserRequest } from '@notp/core';
import type { Deps } from '../../deps.js';
import { LoginIdTakenError, type UserRecord } from '../../store/ports.js';
import { findUser } from './findUser.js';
import { withTenantNames } from './authz/assignable.js';
import { normalizeLoginId, userFieldsOf, withPhoneChange } from './userFields.js';

/** Writes `next`; a login id clash is a 409 and a vanished user a 404. */
export async function saveUser(deps: Deps, next: UserRecord): Promise<UserRecord> {
  try {
    if (!(await deps.store.users.update(next))) throw new NotpError(errors.mgmtUserNotFound);
  } catch (err) {
    if (err instanceof LoginIdTakenError) {
      throw new NotpError(errors.userAlreadyExists, { message: 'Another user has this login id' });
    }
    throw err;
  }
  return next;
}

/**
 * `mode: 'replace'` (POST update): every mutable field takes the request's value, absent ones are cleared, as the
 * public SDKs' update does; `mode: 'patch'`: only the fields present change. Ids, status and creation time stay.
 */
export async function updateUser(
  deps: Deps,
  projectId: string,
  input: MgmtUserRequest,
  mode: 'replace' | 'patch',
): Promise<UserRecord> {
  const user = await findUser(deps, projectId, { loginId: input.loginId });
  let fields = userFieldsOf(input);
  if (mode === 'replace') {
    fields = {
      email: undefined,
      phone: undefined,
      name: undefined,
      givenName: undefined,
      middleName: undefined,
      familyName: undefined,
      picture: undefined,
      roleNames: [],
      userTenants: [],
      customAttributes: {},
      verifiedEmail: false,
      verifiedPhone: false,
      ...fields,
    };
    // The verified phone keeps its verification unless the caller says otherwise or changes the number.
    if (input.verifiedPhone === undefined && fields.phone === user.phone) fields.verifiedPhone = user.verifiedPhone;
    if (input.verifiedEmail === undefined && fields.email === user.email) fields.verifiedEmail = user.verifiedEmail;
    if (input.additionalLoginIds !== undefined) {
      const primary = user.loginIds[0] ?? normalizeLoginId(input.loginId);
      fields.loginIds = [...new Set([primary, ...input.additionalLoginIds.map(normalizeLoginId)])];
    }
  }
  const next: UserRecord = { ...user, ...withPhoneChange(user, fields), updatedAt: deps.clock.now() };
  if (input.roleNames !== undefined || input.userTenants !== undefined) {
    next.userTenants = await withTenantNames(deps, projectId, next.roleNames, next.userTenants);
  }
  return saveUser(deps, next);
}
