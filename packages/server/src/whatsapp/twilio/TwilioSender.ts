// Twilio sender: one reply → POST <api>/2010-04-01/Accounts/<sid>/Messages.json (form, HTTP Basic).
import { ProviderSendError, retryAfterMsOf } from '../ProviderSendError.js';
import type { MessageSender, OutboundMessage, SenderCapabilities } from '../ports.js';

export interface TwilioSenderOptions {
  /** Twilio API base, e.g. `https://api.twilio.com` (no trailing slash). */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** Our business number, E.164. */
  whatsappNumber: string;
  /** Per-request timeout, ms. Default 10 000 (10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const TWILIO_TOO_MANY_REQUESTS = 20429;

export class TwilioSender implements MessageSender {
  readonly name = 'twilio' as const;
  /** Twilio sends reply buttons only through pre-registered Content API templates, which notp does not manage. */
  readonly capabilities: SenderCapabilities = { buttons: false };
  readonly #url: string;
  readonly #authorization: string;
  readonly #from: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(opts: TwilioSenderOptions) {
    this.#url = `${opts.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
    this.#authorization = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
    this.#from = `whatsapp:+${opts.whatsappNumber.replace(/\D/g, '')}`;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#fetch = opts.fetch ?? globalThis.fetch;
  }

  async send(message: OutboundMessage): Promise<{ messageId: string }> {
    const form = new URLSearchParams({ To: `whatsapp:+${message.to.replace(/\D/g, '')}`, From: this.#from });
    // Twilio's reply buttons need a pre-registered Content API template; without one, the choices go in the text.
    const choices = message.buttons?.map((b) => `• ${b.title}`).join('\n');
    form.set('Body', choices ? `${message.text}\n\n${choices}` : message.text);
    let res: Response;
    try {
      res = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { authorization: this.#authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      throw new ProviderSendError('Twilio unreachable', { retryable: true, status: 0, cause });
    }
    const answer = (await res.json().catch(() => null)) as { sid?: unknown; code?: unknown; message?: unknown } | null;
    if (!res.ok) {
      const code = typeof answer?.code === 'number' ? answer.code : null;
      const retryable = res.status === 429 || res.status >= 500 || code === TWILIO_TOO_MANY_REQUESTS;
      const text = typeof answer?.message === 'string' ? answer.message.slice(0, 200) : res.statusText;
      throw new ProviderSendError(`Twilio ${res.status}${code === null ? '' : ` code ${code}`}: ${text}`, {
        retryable,
        status: res.status,
        providerCode: code,
        retryAfterMs: retryAfterMsOf(res.headers.get('retry-after')),
      });
    }
    return { messageId: typeof answer?.sid === 'string' ? answer.sid : '' };
  }
}
