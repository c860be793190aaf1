// SimulatorInbox: the replies the simulator's "phones" received, in memory and bounded, for its chat page and tests.
import type { ReplyButton } from '../ports.js';

export interface SimulatedReply {
  /** The recipient wa_id the reply was sent to. */
  to: string;
  text: string;
  buttons?: ReplyButton[];
  /** Epoch ms when the server sent it. */
  at: number;
  /** The wamid the simulated provider gave it (a button tap replies in its context, as WhatsApp does). */
  messageId?: string;
}

export interface SimulatorInbox {
  add(m: { to: string; text: string; buttons?: ReplyButton[]; messageId?: string }): void;
  /** Replies sent to `to` (a wa_id), oldest first. */
  list(to: string): SimulatedReply[];
}

export interface MemorySimulatorInboxOptions {
  /** Replies kept per phone (oldest dropped first). Default 50. */
  perPhone?: number;
  /** Phones kept (the least recently written dropped first). Default 1000. */
  phones?: number;
  /** Epoch ms; defaults to Date.now. */
  now?: () => number;
}

/** Bounded so that a script hammering the simulator cannot grow the server's memory without limit. */
export class MemorySimulatorInbox implements SimulatorInbox {
  readonly #byPhone = new Map<string, SimulatedReply[]>();
  readonly #perPhone: number;
  readonly #phones: number;
  readonly #now: () => number;

  constructor(opts: MemorySimulatorInboxOptions = {}) {
    this.#perPhone = opts.perPhone ?? 50;
    this.#phones = opts.phones ?? 1000;
    this.#now = opts.now ?? Date.now;
  }

  add(m: { to: string; text: string; buttons?: ReplyButton[]; messageId?: string }): void {
    const list = this.#byPhone.get(m.to) ?? [];
    // Re-insert so that Map order is "least recently written first" for eviction.
    this.#byPhone.delete(m.to);
    this.#byPhone.set(m.to, list);
    const reply: SimulatedReply = { to: m.to, text: m.text, at: this.#now() };
    if (m.buttons && m.buttons.length > 0) reply.buttons = m.buttons.map((b) => ({ id: b.id, title: b.title }));
    if (m.messageId) reply.messageId = m.messageId;
    list.push(reply);
    if (list.length > this.#perPhone) list.splice(0, list.length - this.#perPhone);
    while (this.#byPhone.size > this.#phones) {
      const oldest = this.#byPhone.keys().next().value;
      if (oldest === undefined) break;
      this.#byPhone.delete(oldest);
    }
  }

  list(to: string): SimulatedReply[] {
    return (this.#byPhone.get(to) ?? []).map((r) => ({ ...r }));
  }
}
