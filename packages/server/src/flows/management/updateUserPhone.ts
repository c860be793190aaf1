// Management update/phone and update/status: one field of a user, with the phone's verification rules.
import { errors, NotpError, type UserResponse } from '@notp/core';
import type { Deps } from '../../deps.js';
import type { UserRecord } from '../../store/ports.js';
import { findUser } from './findUser.js';
import { saveUser } from './updateUser.js';
import { normalizePhoneField, withPhoneChange } from './userFields.js';

export interface UpdatePhoneInput {
  loginId: string;
  /** `''` removes the phone. */
  phone: string;
  verified?: boolean;
  /** Refuse a phone that another user of the project has verified. */
  failOnConflict?: boolean;
}

export async function updateUserPhone(deps: Deps, projectId: string, input: UpdatePhoneInput): Promise<UserRecord> {
  const user = await findUser(deps, projectId, { loginId: input.loginId });
  const phone = normalizePhoneField(input.phone);
  if (phone && input.failOnConflict) {
    const holders = await deps.store.users.findByVerifiedPhone(projectId, phone);
    if (holders.some((h) => h.userId !== user.userId)) throw new NotpError(errors.phoneInUse);
  }
  const fields: Partial<UserRecord> = { phone };
  if (input.verified !== undefined) fields.verifiedPhone = phone ? input.verified : false;
  else if (!phone) fields.verifiedPhone = false;
  return saveUser(deps, { ...user, ...withPhoneChange(user, fields), updatedAt: deps.clock.now() });
}

export async function updateUserStatus(
  deps: Deps,
  projectId: string,
  input: { loginId: string; status: UserResponse['status'] },
): Promise<UserRecord> {
  const user = await findUser(deps, projectId, { loginId: input.loginId });
  const next = { ...user, status: input.status, updatedAt: deps.clock.now() };
  await saveUser(deps, next);
  // A disabled user's live sessions end now, not when their refresh JWTs expire.
  if (input.status === 'disabled') await deps.store.sessions.revokeAllForUser(projectId, user.userId, next.updatedAt);
  return next;
}
