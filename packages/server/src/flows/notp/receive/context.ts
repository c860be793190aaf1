// MessageContext: the one object the receive-message parts share (deps, the message, its login, project and sender).
import type { Deps } from '../../../deps.js';
import type { PendingAuthRecord, ProjectRecord, Verification } from '../../../store/ports.js';
import type { InboundMessage } from '../../../whatsapp/ports.js';

/** Provider timestamps have 1 s resolution and phones' clocks drift: tolerate this much before the login started. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000; // 2 min

/** What the event bus says on `pendingChannel(id)`; waiters re-read the store, so the payload is informational. */
export const PENDING_CHANGED = 'changed';

/** Who sent the message, as stored on the login by its deciding `verify` call. */
export type SenderIds = Pick<Verification, 'senderPhone' | 'senderWaId' | 'senderBsuid'>;

/** One inbound message matched to the pending login it answers (by its code, or by a confirmation button's id). */
export interface MessageContext {
  deps: Deps;
  msg: InboundMessage;
  /** The clock read once when the message arrived. */
  now: number;
  project: ProjectRecord;
  pending: PendingAuthRecord;
  sender: SenderIds;
}

/** True when the login timed out, or the message was written (by the phone's clock) before the login started. */
export function isTimedOut({ msg, pending, now }: MessageContext): boolean {
  return now >= pending.expiresAt || msg.timestamp < pending.createdAt - CLOCK_SKEW_MS;
}
