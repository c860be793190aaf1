// SimulatorSender: the simulator-mode MessageSender — "delivers" replies into the SimulatorInbox.
import { randomBytes } from 'node:crypto';
import type { MessageSender, OutboundMessage, SenderCapabilities } from '../ports.js';
import type { SimulatorInbox } from './SimulatorInbox.js';

export class SimulatorSender implements MessageSender {
  readonly name = 'simulator' as const;
  /** The chat page shows the buttons and sends taps as Cloud API button replies. */
  readonly capabilities: SenderCapabilities = { buttons: true };
  readonly #inbox: SimulatorInbox;

  constructor(inbox: SimulatorInbox) {
    this.#inbox = inbox;
  }

  async send(message: OutboundMessage): Promise<{ messageId: string }> {
    const messageId = `wamid.SIM${randomBytes(12).toString('hex').toUpperCase()}`;
    const { to, text, buttons } = message;
    this.#inbox.add(buttons ? { to, text, buttons, messageId } : { to, text, messageId });
    return { messageId };
  }
}
