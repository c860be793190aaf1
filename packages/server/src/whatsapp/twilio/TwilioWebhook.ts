// Twilio webhook adapter: X-Twilio-Signature (HMAC-SHA1 over URL + sorted params), then the form → InboundMessage.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundMessage, RawDelivery, WebhookAdapter } from '../ports.js';

export interface TwilioWebhookOptions {
  authToken: string;
  /** The exact public URL Twilio posts to (`<NOTP_PUBLIC_URL>/webhooks/twilio`): it is part of what Twilio signs. */
  url: string;
  /** Our business number (E.164): deliveries to any other number are ignored. */
  whatsappNumber: string;
  /** Epoch ms; Twilio sends no message timestamp, so receipt time stands in. Defaults to Date.now. */
  now?: () => number;
}

const FORM = 'application/x-www-form-urlencoded';
const WA_ID = /^[0-9]{5,20}$/;

/** Form fields by name, every value kept (Twilio signs repeated names too). */
function formFields(delivery: RawDelivery): Map<string, string[]> | null {
  if (!delivery.contentType?.toLowerCase().startsWith(FORM)) return null;
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(delivery.rawBody.toString('utf8'))) {
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/** Twilio's signature: base64(HMAC-SHA1(auth token, url + for each param sorted by name: name + value)). */
export function twilioSignature(authToken: string, url: string, fields: Map<string, string[]>): Buffer {
  const hmac = createHmac('sha1', authToken).update(url);
  for (const name of [...fields.keys()].sort()) {
    // Repeated names: each distinct value once, sorted (as Twilio's own helper library signs them).
    for (const value of [...new Set(fields.get(name))].sort()) hmac.update(name).update(value);
  }
  return hmac.digest();
}

export class TwilioWebhook implements WebhookAdapter {
  readonly provider = 'twilio' as const;
  readonly #authToken: string;
  readonly #url: string;
  readonly #ourDigits: string;
  readonly #now: () => number;

  constructor(opts: TwilioWebhookOptions) {
    if (!opts.authToken) throw new Error('TwilioWebhook: authToken is required');
    this.#authToken = opts.authToken;
    this.#url = opts.url;
    this.#ourDigits = opts.whatsappNumber.replace(/\D/g, '');
    this.#now = opts.now ?? Date.now;
  }

  verifySignature(delivery: RawDelivery): boolean {
    const header = delivery.headers['x-twilio-signature'];
    if (typeof header !== 'string' || !/^[A-Za-z0-9+/]{27}=$/.test(header.trim())) return false;
    const fields = formFields(delivery);
    if (!fields) return false;
    const given = Buffer.from(header.trim(), 'base64');
    const expected = twilioSignature(this.#authToken, this.#url, fields);
    // constant-time: the signature is what keeps forged logins out
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  parse(delivery: RawDelivery): InboundMessage[] {
    const fields = formFields(delivery);
    if (!fields) return [];
    const field = (name: string): string | null => {
      const v = fields.get(name)?.[0];
      return v === undefined || v === '' ? null : v;
    };
    const sid = field('MessageSid');
    if (!sid || !/^(SM|MM)[0-9a-fA-F]{32}$/.test(sid)) return [];
    const to = field('To')
      ?.replace(/^whatsapp:/, '')
      .replace(/\D/g, '');
    if (to !== undefined && to !== this.#ourDigits) return [];
    const text = field('Body');
    const buttonId = field('ButtonPayload');
    if (text === null && buttonId === null) return [];
    const fromDigits =
      field('From')
        ?.replace(/^whatsapp:/, '')
        .replace(/\D/g, '') ?? null;
    const waIdField = field('WaId');
    const waId =
      waIdField && WA_ID.test(waIdField) ? waIdField : fromDigits && WA_ID.test(fromDigits) ? fromDigits : null;
    return [
      {
        messageKey: `twilio:${sid}`,
        messageId: sid,
        waId,
        bsuid: null,
        text,
        buttonId,
        contextId: field('OriginalRepliedMessageSid'),
        forwarded: field('Forwarded') === 'true' || field('FrequentlyForwarded') === 'true',
        profileName: field('ProfileName'),
        timestamp: this.#now(),
      },
    ];
  }
}
