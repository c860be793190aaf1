// The confirmation sub-flow: ask "was this you?" with Yes/No buttons, then act on the tap (only "Yes" verifies).
import { errors } from '@notp/core';
import type { Deps } from '../../../deps.js';
import { safeEqual } from '../../../crypto/safeEqual.js';
import { sha256Hex } from '../../../crypto/sha256Hex.js';
import { phoneFromWaId } from '../../../users/phone.js';
import type { InboundMessage } from '../../../whatsapp/ports.js';
import { confirmButtonTitles } from '../../../whatsapp/templates/confirmButtonTitles.js';
import { confirmationPromptText } from '../../../whatsapp/templates/confirmationPromptText.js';
import { confirmButtonId, newConfirmNonce, parseConfirmButtonId } from '../confirmButtonId.js';
import { isTimedOut, type MessageContext } from './context.js';
import { ignore } from './guards.js';
import { completeVerification, failPending } from './outcome.js';
import { replyAfterLostRace, replyNotLiveOnce } from './replies.js';
import { resolveUser } from './resolveUser.js';

/**
 * Confirmation on: the login waits ('awaiting-confirmation') while WhatsApp shows the sender "Yes, it's me" / "No"
 * buttons whose ids carry a fresh nonce (stored hashed). The buttons message's id is recorded once sent: an answer
 * must reply in its context. The user is created or updated only at "Yes" (resolveUser runs again then).
 */
export async function askConfirmation(ctx: MessageContext): Promise<void> {
  const { deps, project, pending, msg, now } = ctx;
  const nonce = newConfirmNonce(deps.random);
  const result = await deps.store.pendingAuths.verify({
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...ctx.sender,
    status: 'awaiting-confirmation',
    confirmNonceHash: sha256Hex(nonce),
    now,
  });
  if (result === 'duplicate-message') return;
  if (result !== 'ok') return replyAfterLostRace(ctx);
  if (!msg.waId) return; // unreachable: receiveMessage failed withheld phones before; keeps `to` typed
  const locale = pending.request.locale;
  const titles = confirmButtonTitles(locale);
  const text = confirmationPromptText({
    appName: project.name,
    ...(project.settings.templates === undefined ? {} : { templates: project.settings.templates }),
    ...(pending.request.userAgent === undefined ? {} : { userAgent: pending.request.userAgent }),
    startedAt: pending.createdAt,
    now,
    ...(locale === undefined ? {} : { locale }),
  });
  deps.replies.enqueue(
    {
      to: msg.waId,
      text,
      buttons: [
        { id: confirmButtonId('yes', pending.id, nonce), title: titles.yes },
        { id: confirmButtonId('no', pending.id, nonce), title: titles.no },
      ],
      replyTo: msg.messageId,
    },
    async (messageId) => {
      if (!messageId) {
        deps.log.error({ pendingId: pending.id }, 'confirmation buttons sent but the provider gave no message id');
        return;
      }
      await deps.store.pendingAuths.setConfirmMessageId(pending.id, messageId);
    },
  );
}

/**
 * A tap on "Yes, it's me" / "No, it wasn't me". Only an answer with the right nonce, from the phone that sent the
 * code, in the context of our buttons message counts; anything else is recorded and ignored without a reply.
 * "Yes" verifies (exactly as the one-message flow would have); "No" fails the login with `loginDeclined`.
 */
export async function receiveConfirmationAnswer(
  deps: Deps,
  msg: InboundMessage,
  buttonId: string,
  now: number,
): Promise<void> {
  const ignoreBecause = async (why: string | null) => {
    if (why) deps.log.warn({ messageKey: msg.messageKey, why }, 'confirmation answer ignored');
    await ignore(deps, msg, now);
  };
  const answer = parseConfirmButtonId(buttonId);
  if (!answer) return ignoreBecause(null); // another quick reply (e.g. the business's own template): not a login's
  const pending = await deps.store.pendingAuths.get(answer.pendingId);
  // constant-time: the nonce is what makes the button id unguessable
  if (!pending?.confirmNonceHash || !safeEqual(sha256Hex(answer.nonce), pending.confirmNonceHash)) {
    return ignoreBecause('unknown login or wrong nonce');
  }
  if (!msg.waId || msg.waId !== pending.senderWaId) return ignoreBecause('not the phone that sent the code');
  if (!pending.confirmMessageId || msg.contextId !== pending.confirmMessageId) {
    return ignoreBecause('not a reply to our buttons message');
  }
  const project = await deps.store.projects.get(pending.projectId);
  if (!project) return ignoreBecause(null);
  const sender = {
    senderPhone: pending.senderPhone,
    senderWaId: msg.waId,
    senderBsuid: msg.bsuid ?? pending.senderBsuid,
  };
  const ctx: MessageContext = { deps, msg, now, project, pending, sender };

  // Already decided by an earlier tap, which was answered: a repeated tap gets no second message.
  if (pending.status !== 'awaiting-confirmation') return ignoreBecause(null);
  if (isTimedOut(ctx)) {
    // Tapped too late: one short answer per tap (a redelivery of the same tap stays silent).
    if (await deps.store.webhookMessages.record(msg.messageKey, now)) await replyNotLiveOnce(ctx, 'expired');
    return;
  }
  if (answer.answer === 'no') {
    // Audit: a "No" is what a phishing attempt looks like from the victim's side.
    deps.log.warn({ pendingId: pending.id, projectId: pending.projectId }, 'nOTP login declined in WhatsApp');
    return failPending(ctx, errors.loginDeclined, 'declined');
  }
  const resolution = await resolveUser(ctx, pending.senderPhone ?? phoneFromWaId(msg.waId));
  if (!resolution.ok) return failPending(ctx, resolution.error, resolution.reply);
  return completeVerification(ctx, resolution);
}
