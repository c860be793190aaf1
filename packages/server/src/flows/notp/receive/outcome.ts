// The two deciding store calls that end a login at the message: verified (user written) or failed, then waiters woken.
import type { ErrorDef } from '@notp/core';
import { errors } from '@notp/core';
import { COMPLETED, completionMetric, failedMetric } from '../../../activity/activityMetrics.js';
import { recordAudit } from '../../../audit/recordAudit.js';
import { pendingChannel } from '../../../events/ports.js';
import type { Verification } from '../../../store/ports.js';
import type { ReplyKind } from '../../../whatsapp/templates/locales/index.js';
import { type MessageContext, PENDING_CHANGED } from './context.js';
import { reply, replyAfterLostRace } from './replies.js';
import type { Resolved } from './resolveUser.js';

/** The final step: verified (user created/updated in the same transaction), waiters woken, the sender told. */
export async function completeVerification(ctx: MessageContext, resolution: Resolved): Promise<void> {
  const { deps, pending, msg } = ctx;
  const verification: Verification = {
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...ctx.sender,
    status: 'verified',
    resultUserId: resolution.resultUserId,
    firstSeen: resolution.firstSeen,
    now: ctx.now,
  };
  if (resolution.createUser) verification.createUser = resolution.createUser;
  if (resolution.updateUser) verification.updateUser = resolution.updateUser;

  const result = await deps.store.pendingAuths.verify(verification);
  switch (result) {
    case 'ok':
      deps.activity?.count(pending.projectId, COMPLETED, 1, ctx.now);
      deps.activity?.count(pending.projectId, completionMetric(ctx.now - pending.createdAt), 1, ctx.now);
      await deps.events.publish(pendingChannel(pending.id), PENDING_CHANGED);
      reply(ctx, resolution.reply);
      return;
    case 'duplicate-message':
      return;
    case 'not-pending':
      // Lost a race (another message, or expiry): re-read to say which.
      return replyAfterLostRace(ctx);
    case 'login-id-taken':
      // Someone took the login id (or phone) between start and now; the store wrote nothing, so fail cleanly.
      return pending.kind === 'update'
        ? failPending(ctx, errors.phoneInUse, 'user-exists')
        : failPending(ctx, errors.userAlreadyExists, 'user-exists');
  }
}

/** Marks the pending login failed (terminal: the waiting app learns at once) and tells the sender why. */
export async function failPending(ctx: MessageContext, error: ErrorDef, kind: ReplyKind): Promise<void> {
  const { deps, pending, msg } = ctx;
  const result = await deps.store.pendingAuths.verify({
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...ctx.sender,
    status: 'failed',
    failureCode: error.code,
    now: ctx.now,
  });
  if (result === 'ok') {
    deps.activity?.count(pending.projectId, failedMetric(error.code), 1, ctx.now);
    deps.log.info({ pendingId: pending.id, code: error.code }, 'nOTP login failed at the message');
    // The client fields are the start's (the browser that asked); the sender's number is not a secret but stays out.
    await recordAudit(deps, {
      projectId: pending.projectId,
      type: 'login-failed',
      userId: pending.userId,
      ...(pending.request.ip !== undefined ? { ip: pending.request.ip } : {}),
      ...(pending.request.userAgent !== undefined ? { userAgent: pending.request.userAgent } : {}),
      reason: error.code,
      detail: pending.kind,
    });
    await deps.events.publish(pendingChannel(pending.id), PENDING_CHANGED);
    reply(ctx, kind);
  } else if (result === 'not-pending') {
    await replyAfterLostRace(ctx);
  }
}
