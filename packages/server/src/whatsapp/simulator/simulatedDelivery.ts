// simulatedDelivery: what Meta would POST for one user message — Cloud API JSON bytes plus their X-Hub-Signature-256.
import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface SimulatedMessage {
  /** Sender wa_id (digits, as WhatsApp reports it: Mexico mobiles as 521…). */
  waId: string;
  /** Sender's business-scoped user id (always present since 2026). */
  bsuid: string;
  /** Act as a user with a username whose phone WhatsApp withholds: no `from`, no `wa_id`. */
  withholdPhone?: boolean;
  /** Sender's WhatsApp profile name. */
  profileName: string;
  /** A text message… */
  text?: string;
  /** …or a tap on one of our reply buttons (id, title, and the wamid of the message that carried it). */
  button?: { id: string; title: string; contextId?: string };
  /** wamid of this inbound message. */
  messageId: string;
  /** Epoch ms. */
  now: number;
}

export interface SimulatedBusiness {
  /** Our business number, E.164 (the `display_phone_number`, digits only, as Meta sends it). */
  whatsappNumber: string;
  phoneNumberId: string;
  appSecret: string;
}

/** One delivery in Cloud API format with a realistic envelope, signed as Meta signs it. */
export function simulatedDelivery(
  business: SimulatedBusiness,
  m: SimulatedMessage,
): { rawBody: Buffer; signature: string } {
  const businessDigits = business.whatsappNumber.replace(/\D/g, '');
  const message: Record<string, unknown> = {
    ...(m.withholdPhone ? {} : { from: m.waId }),
    from_user_id: m.bsuid,
    id: m.messageId,
    timestamp: String(Math.floor(m.now / 1000)),
  };
  if (m.button) {
    if (m.button.contextId) message['context'] = { from: businessDigits, id: m.button.contextId };
    message['type'] = 'interactive';
    message['interactive'] = { type: 'button_reply', button_reply: { id: m.button.id, title: m.button.title } };
  } else {
    message['type'] = 'text';
    message['text'] = { body: m.text ?? '' };
  }
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: business.phoneNumberId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: businessDigits, phone_number_id: business.phoneNumberId },
              contacts: [
                m.withholdPhone
                  ? { profile: { name: m.profileName }, user_id: m.bsuid }
                  : { profile: { name: m.profileName }, wa_id: m.waId, user_id: m.bsuid },
              ],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
  const rawBody = Buffer.from(JSON.stringify(payload), 'utf8');
  const signature = `sha256=${createHmac('sha256', business.appSecret).update(rawBody).digest('hex')}`;
  return { rawBody, signature };
}

/**
 * A stable, BSUID-shaped id for a simulated phone (`US.` + 20 digits, like Meta's): derived with the app secret, so
 * one phone keeps one id across restarts, as a real WhatsApp account does until it changes number.
 */
export function simulatedBsuid(appSecret: string, e164: string): string {
  const country = parsePhoneNumberFromString(e164)?.country ?? 'ZZ';
  const digest = createHmac('sha256', appSecret).update(`bsuid:${e164}`).digest();
  return `${country}.${Array.from(digest.subarray(0, 20), (b) => b % 10).join('')}`;
}
