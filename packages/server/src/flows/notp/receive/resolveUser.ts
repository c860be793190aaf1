// User resolution: who a login is for at the message (found, created or updated per variant), or why it must fail.
import { type ErrorDef, errors } from '@notp/core';
import type { UserRecord } from '../../../store/ports.js';
import { senderMatches } from '../../../users/phone.js';
import { newUserId } from '../../../users/newUserId.js';
import type { ReplyKind } from '../../../whatsapp/templates/locales/index.js';
import type { MessageContext } from './context.js';

/** Who the login is for: the user written in the verifying transaction (if any) and the reply. */
export interface Resolved {
  ok: true;
  resultUserId: string;
  firstSeen: boolean;
  createUser?: UserRecord;
  updateUser?: UserRecord;
  reply: ReplyKind;
}

/** The outcome of resolving who the login is for. */
export type Resolution = Resolved | { ok: false; error: ErrorDef; reply: ReplyKind };

/**
 * Who the login is for, per variant; a failure names the terminal error and the reply. `senderPhone` is the E.164
 * phone the message proves. Writes nothing: `completeVerification` stores the user with the verification.
 */
export async function resolveUser(ctx: MessageContext, senderPhone: string): Promise<Resolution> {
  const { deps, pending, msg, now } = ctx;
  const users = deps.store.users;
  const req = pending.request;
  const loginId = req.loginIdKind === 'empty' ? senderPhone : req.loginId;

  const existing = pending.userId
    ? await users.get(pending.projectId, pending.userId)
    : pending.kind === 'signup'
      ? null
      : await users.getByLoginId(pending.projectId, loginId);

  if (pending.kind === 'signup' || (pending.kind === 'signup-in' && !existing)) {
    // A login id taken since the start is caught atomically by verify() ('login-id-taken').
    const user = newUser(ctx, loginId, senderPhone);
    return { ok: true, resultUserId: user.userId, firstSeen: true, createUser: user, reply: 'signed-up' };
  }

  if (!existing) return { ok: false, error: errors.userNotFound, reply: 'user-not-found' };
  if (existing.status === 'disabled') return { ok: false, error: errors.userDisabled, reply: 'user-disabled' };

  if (pending.kind === 'update') {
    const updated: UserRecord = {
      ...existing,
      phone: senderPhone,
      verifiedPhone: true,
      waId: msg.waId ?? undefined,
      updatedAt: now,
    };
    if (msg.bsuid) updated.waBsuid = msg.bsuid;
    if (req.addToLoginIds && !updated.loginIds.includes(senderPhone))
      updated.loginIds = [...existing.loginIds, senderPhone];
    return { ok: true, resultUserId: existing.userId, firstSeen: false, updateUser: updated, reply: 'phone-updated' };
  }

  // signin / signup-in of an existing user. A user found only now (signup-in raced a sign-up, or an empty loginId)
  // had no expected phone at start: the sender must be their verified phone, or the login id itself.
  if (pending.expectedPhone === null && req.loginIdKind !== 'empty') {
    if (!existing.verifiedPhone || !existing.phone || !senderMatches(existing.phone, msg.waId ?? '')) {
      return { ok: false, error: errors.senderMismatch, reply: 'sender-mismatch' };
    }
  }
  // Keep the WhatsApp identifiers fresh (replies go to the wa_id as received; the BSUID survives number changes).
  if (existing.waId !== msg.waId || (msg.bsuid && existing.waBsuid !== msg.bsuid)) {
    const refreshed: UserRecord = { ...existing, waId: msg.waId ?? undefined, updatedAt: now };
    if (msg.bsuid) refreshed.waBsuid = msg.bsuid;
    return { ok: true, resultUserId: existing.userId, firstSeen: false, updateUser: refreshed, reply: 'signed-in' };
  }
  return { ok: true, resultUserId: existing.userId, firstSeen: false, reply: 'signed-in' };
}

/** The user a sign-up creates: the sender's phone is verified by the message itself. */
function newUser({ deps, pending, msg, now }: MessageContext, loginId: string, senderPhone: string): UserRecord {
  const fields = pending.request.user ?? {};
  const user: UserRecord = {
    projectId: pending.projectId,
    userId: newUserId(deps.random),
    loginIds: [loginId],
    phone: senderPhone,
    verifiedPhone: true,
    verifiedEmail: false,
    roleNames: [],
    userTenants: [],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: now,
    updatedAt: now,
  };
  if (msg.waId) user.waId = msg.waId;
  if (msg.bsuid) user.waBsuid = msg.bsuid;
  for (const key of ['name', 'givenName', 'middleName', 'familyName'] as const) {
    const v = fields[key];
    if (v !== undefined) user[key] = v;
  }
  const email = fields.email ?? (pending.request.loginIdKind === 'email' ? pending.request.loginId : undefined);
  if (email !== undefined) user.email = email;
  return user;
}
