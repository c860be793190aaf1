// Cloud API webhook adapter: X-Hub-Signature-256 check over the raw bytes, then the delivery → InboundMessage[].
import { jsonDepthExceeds } from '../../json/jsonDepth.js';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundMessage, RawDelivery, WebhookAdapter } from '../ports.js';

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const WA_ID = /^[0-9]{5,20}$/;

export interface CloudApiWebhookOptions {
  /** The Meta app secret that signs deliveries (the simulator signs with the same one). */
  appSecret: string;
  /** Our business phone number id: deliveries for any other number are ignored. */
  phoneNumberId: string;
}

/** A JSON value seen through `unknown`: we read Meta's body defensively, as it may add or omit anything. */
type Json = Record<string, unknown>;
const asObject = (v: unknown): Json | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export class CloudApiWebhook implements WebhookAdapter {
  readonly provider = 'cloud-api' as const;
  readonly #appSecret: string;
  readonly #phoneNumberId: string;

  constructor(opts: CloudApiWebhookOptions) {
    if (!opts.appSecret) throw new Error('CloudApiWebhook: appSecret is required');
    this.#appSecret = opts.appSecret;
    this.#phoneNumberId = opts.phoneNumberId;
  }

  /** `sha256=<hex HMAC-SHA256(app secret, raw body)>`; a missing, repeated or malformed header is a failure. */
  verifySignature(delivery: RawDelivery): boolean {
    const header = delivery.headers['x-hub-signature-256'];
    if (typeof header !== 'string') return false;
    const m = SIGNATURE.exec(header.trim());
    if (!m?.[1]) return false;
    const given = Buffer.from(m[1], 'hex');
    const expected = createHmac('sha256', this.#appSecret).update(delivery.rawBody).digest();
    // constant-time: the signature is what keeps forged logins out
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Every text and reply-button message for our number; statuses, errors, other fields and odd shapes → nothing. */
  parse(delivery: RawDelivery): InboundMessage[] {
    let body: unknown;
    const text = delivery.rawBody.toString('utf8');
    // A real delivery nests ~10 levels; a deeper one is not a delivery (and would be costly to walk).
    if (jsonDepthExceeds(text)) return [];
    try {
      body = JSON.parse(text);
    } catch {
      return [];
    }
    const root = asObject(body);
    if (root?.['object'] !== 'whatsapp_business_account') return [];
    const out: InboundMessage[] = [];
    for (const entry of asArray(root['entry'])) {
      for (const change of asArray(asObject(entry)?.['changes'])) {
        const c = asObject(change);
        if (c?.['field'] !== 'messages') continue;
        const value = asObject(c['value']);
        if (!value) continue;
        // A delivery for another number of the same WABA is not ours to act on.
        if (asObject(value['metadata'])?.['phone_number_id'] !== this.#phoneNumberId) continue;
        const contacts = asArray(value['contacts'])
          .map(asObject)
          .filter((x): x is Json => x !== null);
        for (const raw of asArray(value['messages'])) {
          const message = toInbound(asObject(raw), contacts);
          if (message) out.push(message);
        }
      }
    }
    return out;
  }
}

/** One Cloud API message → InboundMessage, or null for types a login never uses (images, reactions, …). */
function toInbound(m: Json | null, contacts: Json[]): InboundMessage | null {
  if (!m) return null;
  const id = asString(m['id']);
  const seconds = Number(m['timestamp']);
  if (!id || id.length > 256 || !Number.isFinite(seconds) || seconds <= 0) return null;

  let text: string | null = null;
  let buttonId: string | null = null;
  switch (m['type']) {
    case 'text':
      text = asString(asObject(m['text'])?.['body']);
      break;
    case 'interactive': {
      const interactive = asObject(m['interactive']);
      if (interactive?.['type'] === 'button_reply') buttonId = asString(asObject(interactive['button_reply'])?.['id']);
      break;
    }
    case 'button': // a quick-reply button of a template message
      buttonId = asString(asObject(m['button'])?.['payload']);
      break;
  }
  if (text === null && buttonId === null) return null;

  const from = asString(m['from']);
  const waId = from && WA_ID.test(from) ? from : null;
  const fromUserId = asString(m['from_user_id']);
  const contact =
    contacts.find((c) => (waId && c['wa_id'] === waId) || (fromUserId && c['user_id'] === fromUserId)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const context = asObject(m['context']);
  return {
    messageKey: `cloud-api:${id}`,
    messageId: id,
    waId,
    bsuid: fromUserId ?? asString(contact?.['user_id']),
    text,
    buttonId,
    contextId: asString(context?.['id']),
    forwarded: context?.['forwarded'] === true || context?.['frequently_forwarded'] === true,
    profileName: asString(asObject(contact?.['profile'])?.['name']),
    timestamp: Math.trunc(seconds) * 1000,
  };
}
