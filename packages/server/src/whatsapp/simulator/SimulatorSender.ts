// SimulatorSender: the simulator-mode MessageSender — "delivers" replies into the SimulatorInbox.
import { randomBytes } from 'node:crypto';
import type { MessageSender, OutboundMessage } from '../ports.js';
import type { SimulatorInbox } from './SimulatorInbox.js';

export class SimulatorSender implements MessageSender {
  readonly name = 'simulator' as const;
  readonly #inbox: SimulatorInbox;

  constructor(inbox: SimulatorInbox) {
    this.#inbox = inbox;
  }

  async send(message: OutboundMessage): Promise<{ messageId: string }> {
    this.#inbox.add(message.buttons ? { to: message.to, text: message.text, buttons: message.buttons } : message);
    return { messageId: `wamid.SIM${randomBytes(12).toString('hex').toUpperCase()}` };
  }
}
