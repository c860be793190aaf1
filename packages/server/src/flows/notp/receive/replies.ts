// What the sender is told: one queued reply per outcome, and at most one "no longer live" answer per login.
import type { PendingAuthRecord } from '../../../store/ports.js';
import type { ReplyKind } from '../../../whatsapp/templates/locales/index.js';
import { replyText } from '../../../whatsapp/templates/replyText.js';
import type { MessageContext } from './context.js';

/** Queues the reply to the sender's wa_id exactly as received; never on this call's path (ReplyQueue sends later). */
export function reply({ deps, project, pending, msg }: MessageContext, kind: ReplyKind): void {
  // A withheld number leaves no wa_id to write to (OutboundMessage addresses wa_ids only).
  if (!msg.waId) return;
  const text = replyText(kind, { appName: project.name }, pending.request.locale, project.settings.templates);
  deps.replies.enqueue({ to: msg.waId, text, replyTo: msg.messageId });
}

/**
 * The one "no longer live" answer ('already-used' or 'expired') a login ever gets: a used code re-sent 20 times, each a
 * new message, is answered once (a marker keyed by the login in the message-dedupe store, so every instance agrees).
 * Each message costs us money and is a way to spam a number; the sender learned the answer the first time.
 */
export async function replyNotLiveOnce(ctx: MessageContext, kind: ReplyKind): Promise<void> {
  if (await ctx.deps.store.webhookMessages.record(`notp:not-live-reply:${ctx.pending.id}`, ctx.now)) {
    reply(ctx, kind);
  }
}

/** After a lost race (the store said 'not-pending'): re-read the login to say which, once per login. */
export async function replyAfterLostRace(ctx: MessageContext): Promise<void> {
  const current = (await ctx.deps.store.pendingAuths.get(ctx.pending.id)) ?? ctx.pending; // vanished: as last read
  await replyNotLiveOnce(ctx, notLiveReply(current));
}

/** 'already-used' once the login completed, otherwise 'expired' (timed out or failed: start again). */
export function notLiveReply(pending: PendingAuthRecord): ReplyKind {
  return pending.status === 'verified' || pending.status === 'consumed' ? 'already-used' : 'expired';
}
