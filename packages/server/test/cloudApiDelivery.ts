// cloudApiDelivery: the webhook body Meta sends for one inbound text message, built from WHATSAPP.md's format (not from
// the simulator's code), and its x-hub-signature-256; used by the integration, bad-input and scale tests.
import { createHmac } from 'node:crypto';

export interface InboundText {
  /** The business number the message was sent to, as Meta writes it (no `+`). */
  displayPhoneNumber: string;
  phoneNumberId: string;
  fromWaId: string;
  text: string;
  wamid: string;
  /** Seconds since the epoch, as Meta's `timestamp`. */
  timestampSec: number;
  profileName: string;
  /** The sender's business-scoped user id (BSUID), when the delivery carries one. */
  userId?: string;
  /** The WhatsApp Business Account id of the entry (default '1'). */
  entryId?: string;
  /** Whether `messaging_product: 'whatsapp'` is present (default true; some tests send the minimal body). */
  messagingProduct?: boolean;
}

/** The delivery of one text message, as JSON bytes. */
export function cloudApiDelivery(m: InboundText): Buffer<ArrayBuffer> {
  const contact = { profile: { name: m.profileName }, wa_id: m.fromWaId, ...(m.userId ? { user_id: m.userId } : {}) };
  const message = {
    from: m.fromWaId,
    ...(m.userId ? { from_user_id: m.userId } : {}),
    id: m.wamid,
    timestamp: String(m.timestampSec),
    type: 'text',
    text: { body: m.text },
  };
  const metadata = { display_phone_number: m.displayPhoneNumber, phone_number_id: m.phoneNumberId };
  const value = {
    ...(m.messagingProduct === false ? {} : { messaging_product: 'whatsapp' }),
    metadata,
    contacts: [contact],
    messages: [message],
  };
  const body = {
    object: 'whatsapp_business_account',
    entry: [{ id: m.entryId ?? '1', changes: [{ field: 'messages', value }] }],
  };
  return Buffer.from(JSON.stringify(body));
}

/** The `x-hub-signature-256` header of `raw` under the app secret. */
export function cloudApiSignature(raw: Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
