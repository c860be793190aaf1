// Finds a project's user by login id (falling back to user id, as the SDKs' loginIdOrUserId) or by user id.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import type { UserRecord } from '../../store/ports.js';
import { normalizeLoginId } from './userFields.js';

export interface UserRef {
  loginId?: string;
  userId?: string;
}

/** The user, or null. A login id that is not found is tried as a user id (the SDKs send `loginIdOrUserId` as loginId). */
export async function lookupUser(deps: Deps, projectId: string, ref: UserRef): Promise<UserRecord | null> {
  if (ref.loginId) {
    const byLoginId = await deps.store.users.getByLoginId(projectId, normalizeLoginId(ref.loginId));
    if (byLoginId) return byLoginId;
    return deps.store.users.get(projectId, ref.loginId.trim());
  }
  if (ref.userId) return deps.store.users.get(projectId, ref.userId);
  throw new NotpError(errors.missingArguments, { message: 'loginId or userId is required' });
}

/** The user; throws mgmtUserNotFound (E112102) when there is none. */
export async function findUser(deps: Deps, projectId: string, ref: UserRef): Promise<UserRecord> {
  const user = await lookupUser(deps, projectId, ref);
  if (!user) throw new NotpError(errors.mgmtUserNotFound, { message: 'User not found' });
  return user;
}
