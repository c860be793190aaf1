// receiveMessage: one inbound WhatsApp message → the pending login it completes (or fails), guard lines top to bottom.
import { errors } from '@notp/core';
import { RECEIVED } from '../../activity/activityMetrics.js';
import type { Deps } from '../../deps.js';
import { phoneFromWaId } from '../../users/phone.js';
import type { InboundMessage } from '../../whatsapp/ports.js';
import { askConfirmation, receiveConfirmationAnswer } from './receive/confirmation.js';
import type { MessageContext } from './receive/context.js';
import { ignore, isExpectedSender, isLive, loginForCode, withinSenderLimit } from './receive/guards.js';
import { completeVerification, failPending } from './receive/outcome.js';
import { notLiveReply, replyNotLiveOnce } from './receive/replies.js';
import { resolveUser } from './receive/resolveUser.js';

/**
 * Handles one parsed, signature-checked message. Never throws for bad or unknown messages: it replies or ignores.
 * (Store failures do propagate, so the webhook answers non-2xx and the provider redelivers.)
 * Never messages a sender whose message matched no live login (cost abuse, WHATSAPP.md).
 * The parts live in `receive/`: guards, the confirmation sub-flow, user resolution, the outcome and the replies.
 */
export async function receiveMessage(deps: Deps, msg: InboundMessage): Promise<void> {
  const now = deps.clock.now();
  // Code guessing: a sender gets a few tries a minute, checked before the code is even looked up. Over the limit the
  // message is recorded (a redelivery stays silent) and dropped without a reply (a reply would cost us money).
  if (!(await withinSenderLimit(deps, msg))) return ignore(deps, msg, now);
  // A tap on one of our confirmation buttons answers a login that is already waiting for it.
  if (msg.buttonId !== null) return receiveConfirmationAnswer(deps, msg, msg.buttonId, now);
  // No code, no such login, or its project is gone: junk, recorded without a reply.
  const found = await loginForCode(deps, msg);
  if (!found) return ignore(deps, msg, now);

  const senderPhone = msg.waId ? phoneFromWaId(msg.waId) : null;
  const ctx: MessageContext = {
    deps,
    msg,
    now,
    ...found,
    sender: { senderPhone, senderWaId: msg.waId, senderBsuid: msg.bsuid },
  };
  const { pending, project } = ctx;

  // Not live any more: tell the sender once per login (the message key makes a redelivery silent, the login's marker
  // a re-sent code).
  if (!isLive(ctx)) {
    if (await deps.store.webhookMessages.record(msg.messageKey, now))
      await replyNotLiveOnce(ctx, notLiveReply(pending));
    return;
  }
  // The funnel's "message received": the first message of a live login (a resent code while the buttons wait is not).
  if (pending.status === 'pending') deps.activity?.count(pending.projectId, RECEIVED, 1, now);
  // Every nOTP login proves a phone number; a BSUID alone proves none (WHATSAPP.md: usernames, 2026).
  if (!msg.waId || !senderPhone) return failPending(ctx, errors.phoneWithheld, 'phone-withheld');
  // A forwarded message is someone else's code relayed to this phone: the phishing relay pattern.
  if (msg.forwarded) return failPending(ctx, errors.senderMismatch, 'sender-mismatch');
  if (!isExpectedSender(ctx)) return failPending(ctx, errors.senderMismatch, 'sender-mismatch');
  if (pending.status === 'awaiting-confirmation') {
    // The sender already has the buttons: a resent code changes nothing. The same code from a second phone means it
    // was relayed (a code is one person's secret): stop the login.
    if (msg.waId === pending.senderWaId) return ignore(deps, msg, now);
    return failPending(ctx, errors.senderMismatch, 'sender-mismatch');
  }

  const resolution = await resolveUser(ctx, senderPhone);
  if (!resolution.ok) return failPending(ctx, resolution.error, resolution.reply);

  // Anti-phishing: ask "was this you?" (browser, time of the start) before anyone is signed in.
  if (project.settings.confirmation) {
    // A provider without reply buttons (Twilio: only through Content API templates, which notp does not manage)
    // would strand every login on a prompt nobody can answer: it verifies in one message and says so.
    if (deps.whatsapp.sender.capabilities.buttons) return askConfirmation(ctx);
    deps.log.warn(
      { projectId: project.projectId, provider: deps.whatsapp.sender.name },
      'confirmation is on but the WhatsApp provider cannot send reply buttons',
    );
  }
  return completeVerification(ctx, resolution);
}
