// Management delete and logout: remove a user (with their sessions and history), or revoke all their sessions.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import { findUser, type UserRef } from './findUser.js';

export async function deleteUser(deps: Deps, projectId: string, ref: UserRef): Promise<void> {
  const user = await findUser(deps, projectId, ref);
  if (!(await deps.store.users.delete(projectId, user.userId))) throw new NotpError(errors.mgmtUserNotFound);
}

/** Revokes every live refresh session of the user; returns how many. */
export async function logoutUser(deps: Deps, projectId: string, ref: UserRef): Promise<number> {
  const user = await findUser(deps, projectId, ref);
  return deps.store.sessions.revokeAllForUser(projectId, user.userId, deps.clock.now());
}
