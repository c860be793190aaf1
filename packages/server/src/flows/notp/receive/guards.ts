// The receive-message guards: the per-sender limit, the code → login → project lookup, liveness and sender checks.
import { errors, isNotpError } from '@notp/core';
import type { Deps } from '../../../deps.js';
import { enforceRateLimit } from '../../../rate-limit/enforceRateLimit.js';
import type { PendingAuthRecord, ProjectRecord } from '../../../store/ports.js';
import { senderMatches } from '../../../users/phone.js';
import type { InboundMessage } from '../../../whatsapp/ports.js';
import { findCode, hashMessageCode } from '../messageCode.js';
import { isTimedOut, type MessageContext } from './context.js';

/** Records the message (so a redelivery is recognised) and drops it without a reply. */
export async function ignore(deps: Deps, msg: InboundMessage, now: number): Promise<void> {
  await deps.store.webhookMessages.record(msg.messageKey, now);
}

/** False when the sender (wa_id, else BSUID) has used up its inbound limit; server-wide, as no project is known yet. */
export async function withinSenderLimit(deps: Deps, msg: InboundMessage): Promise<boolean> {
  const sender = msg.waId ?? msg.bsuid;
  if (!sender) return true;
  try {
    await enforceRateLimit(deps, 'inboundPerSender', sender);
    return true;
  } catch (e) {
    if (!isNotpError(e) || e.code !== errors.rateLimited.code) throw e;
    deps.log.warn({ messageKey: msg.messageKey }, 'inbound message over the per-sender rate limit: dropped');
    return false;
  }
}

/** The login whose code the text carries, and its project; null when there is no code, no such login or project. */
export async function loginForCode(
  deps: Deps,
  msg: InboundMessage,
): Promise<{ pending: PendingAuthRecord; project: ProjectRecord } | null> {
  const code = msg.text ? findCode(msg.text) : null;
  if (!code) return null;
  const pending = await deps.store.pendingAuths.getByCodeHash(hashMessageCode(code));
  if (!pending) return null;
  const project = await deps.store.projects.get(pending.projectId);
  return project ? { pending, project } : null;
}

/** A code still counts: the login is waiting (for a message or the buttons) and the message is in its lifetime. */
export function isLive(ctx: MessageContext): boolean {
  const { status } = ctx.pending;
  return !isTimedOut(ctx) && (status === 'pending' || status === 'awaiting-confirmation');
}

/** The sender is the phone the start named, when it named one (`expectedPhone`, from `decideExpectedPhone`). */
export function isExpectedSender({ pending, msg }: MessageContext): boolean {
  return pending.expectedPhone === null || (msg.waId !== null && senderMatches(pending.expectedPhone, msg.waId));
}
