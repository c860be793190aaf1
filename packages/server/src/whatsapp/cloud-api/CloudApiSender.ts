// Cloud API sender: one reply (text or reply buttons) → POST <graph>/<phone-number-id>/messages.
import { ProviderSendError, retryAfterMsOf } from '../ProviderSendError.js';
import type { MessageSender, OutboundMessage, SenderCapabilities } from '../ports.js';

export interface CloudApiSenderOptions {
  /** Graph base URL including the version, e.g. `https://graph.facebook.com/v24.0` (no trailing slash). */
  graphUrl: string;
  phoneNumberId: string;
  /** System-user access token. */
  accessToken: string;
  /** Per-request timeout, ms. Default 10 000 (10 s). */
  timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

// Graph error codes that mean "slow down" rather than "this request is wrong" (WHATSAPP.md).
const RETRYABLE_GRAPH_CODES = new Set([4, 80007, 130429]);
const BODY_MAX = 4096; // characters, Cloud API text limit
const BUTTON_BODY_MAX = 1024; // characters, interactive body limit
const BUTTON_TITLE_MAX = 20; // characters
const BUTTON_ID_MAX = 256; // characters

/** Cuts to at most `max` code points (never splits an emoji's surrogate pair). */
const clip = (s: string, max: number): string => {
  const points = Array.from(s);
  return points.length <= max ? s : points.slice(0, max).join('');
};

export class CloudApiSender implements MessageSender {
  readonly name = 'cloud-api' as const;
  /** Graph's `interactive` messages carry up to 3 reply buttons. */
  readonly capabilities: SenderCapabilities = { buttons: true };
  readonly #url: string;
  readonly #accessToken: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(opts: CloudApiSenderOptions) {
    this.#url = `${opts.graphUrl.replace(/\/+$/, '')}/${encodeURIComponent(opts.phoneNumberId)}/messages`;
    this.#accessToken = opts.accessToken;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#fetch = opts.fetch ?? globalThis.fetch;
  }

  async send(message: OutboundMessage): Promise<{ messageId: string }> {
    let res: Response;
    try {
      res = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.#accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(cloudApiBody(message)),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      throw new ProviderSendError('Cloud API unreachable', { retryable: true, status: 0, cause });
    }
    const answer = (await res.json().catch(() => null)) as {
      messages?: { id?: unknown }[];
      error?: { code?: unknown; message?: unknown; error_subcode?: unknown; fbtrace_id?: unknown };
    } | null;
    if (!res.ok) {
      const error = answer?.error;
      const code = typeof error?.code === 'number' ? error.code : null;
      const retryable = res.status === 429 || res.status >= 500 || (code !== null && RETRYABLE_GRAPH_CODES.has(code));
      const text = typeof error?.message === 'string' ? error.message.slice(0, 200) : res.statusText;
      // The subcode and fbtrace_id are what Meta support asks for; neither is a secret.
      const subcode = typeof error?.error_subcode === 'number' ? ` subcode ${error.error_subcode}` : '';
      const trace = typeof error?.fbtrace_id === 'string' ? ` fbtrace_id ${error.fbtrace_id.slice(0, 64)}` : '';
      const codes = `${code === null ? '' : ` code ${code}`}${subcode}${trace}`;
      throw new ProviderSendError(`Cloud API ${res.status}${codes}: ${text}`, {
        retryable,
        status: res.status,
        providerCode: code,
        retryAfterMs: retryAfterMsOf(res.headers.get('retry-after')),
      });
    }
    const id = answer?.messages?.[0]?.id;
    return { messageId: typeof id === 'string' ? id : '' };
  }
}

/** The Graph request body: plain text, or interactive reply buttons when the message has buttons. */
export function cloudApiBody(message: OutboundMessage): Record<string, unknown> {
  // A BSUID (`US.1349…`) is addressed with `recipient`; a wa_id (digits) with `to`.
  const recipient = /^[0-9]+$/.test(message.to) ? { to: message.to } : { recipient: message.to };
  const context = message.replyTo ? { context: { message_id: message.replyTo } } : {};
  const buttons = message.buttons?.slice(0, 3) ?? [];
  if (buttons.length === 0) {
    return {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...recipient,
      ...context,
      type: 'text',
      text: { body: clip(message.text, BODY_MAX), preview_url: false },
    };
  }
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipient,
    ...context,
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: clip(message.text, BUTTON_BODY_MAX) },
      action: {
        buttons: buttons.map((b) => ({
          type: 'reply',
          reply: { id: clip(b.id, BUTTON_ID_MAX), title: clip(b.title, BUTTON_TITLE_MAX) },
        })),
      },
    },
  };
}
