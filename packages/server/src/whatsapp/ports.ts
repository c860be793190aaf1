// WhatsApp ports: inbound webhook adapters (verify + parse) and the outbound message sender.

/** One inbound user message, normalised across providers. */
export interface InboundMessage {
  /** `<provider>:<provider message id>` — the dedupe key. */
  messageKey: string;
  /** Provider message id (Cloud API wamid, Twilio MessageSid), to reply in context. */
  messageId: string;
  /** The sender's wa_id as received (digits, no '+'); null when WhatsApp withheld it (username users). */
  waId: string | null;
  /** Business-scoped user id (BSUID), when present. */
  bsuid: string | null;
  /** Text body (for text messages). */
  text: string | null;
  /** Quick-reply button id (interactive button_reply / Twilio ButtonPayload). */
  buttonId: string | null;
  /** wamid of the message this one replies to (context.id), if any. */
  contextId: string | null;
  /** True when WhatsApp marked the message as forwarded. */
  forwarded: boolean;
  /** Sender's WhatsApp profile name, if given. */
  profileName: string | null;
  /** Provider timestamp, epoch ms. */
  timestamp: number;
}

export interface ReplyButton {
  /** ≤ 256 characters; carries an unguessable nonce. */
  id: string;
  /** ≤ 20 characters. */
  title: string;
}

export interface OutboundMessage {
  /** Recipient wa_id exactly as received (never re-derived from E.164). */
  to: string;
  text: string;
  /** 1–3 reply buttons (Cloud API interactive; Twilio quick-reply). */
  buttons?: ReplyButton[];
  /** Reply in context of this inbound message id. */
  replyTo?: string;
}

/** A raw HTTP delivery as the webhook route received it. */
export interface RawDelivery {
  /** Exact body bytes (signatures are over these). */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  contentType: string | undefined;
}

/** Inbound side of one webhook route (Cloud API format at /webhooks/whatsapp, Twilio at /webhooks/twilio). */
export interface WebhookAdapter {
  readonly provider: 'cloud-api' | 'twilio';
  /** Constant-time signature check over the raw bytes. Must run before any parsing. */
  verifySignature(delivery: RawDelivery): boolean;
  /** Parses a verified delivery into user messages; statuses and unknown types are dropped (not errors). */
  parse(delivery: RawDelivery): InboundMessage[];
}

/** What a provider can send; flows read these instead of comparing provider names. */
export interface SenderCapabilities {
  /**
   * Interactive reply buttons sent as part of a message (`OutboundMessage.buttons`). The confirmation step needs them;
   * a provider that shows buttons only through templates registered in advance (Twilio's Content API) says false.
   */
  readonly buttons: boolean;
}

/** Outbound side: the configured provider sends replies (simulator: kept in memory for its page). */
export interface MessageSender {
  readonly name: 'cloud-api' | 'twilio' | 'simulator';
  readonly capabilities: SenderCapabilities;
  /** Sends one message. Resolves with the provider's message id; rejects on failure (retries are the caller's). */
  send(message: OutboundMessage): Promise<{ messageId: string }>;
}

/** The WhatsApp side of the deps: webhook adapters present per mode, one sender. */
export interface WhatsApp {
  /** Active in cloud-api and simulator modes. */
  cloudApi: WebhookAdapter | null;
  /** Active in twilio mode. */
  twilio: WebhookAdapter | null;
  sender: MessageSender;
}
