// Test kit for the provider suites: the real server in cloud-api / twilio mode wired to local Graph / Twilio fakes,
// deliveries built from WHATSAPP.md's formats (not from our own adapters' code) and signed as Meta / Twilio sign.
import { createHmac, randomBytes } from 'node:crypto';
import { routes } from '@notp/core';
import type { Deps } from '../../src/deps.js';
import {
  type FakeProvider,
  type RecordedRequest,
  startFakeProvider,
} from '../../src/whatsapp/testing/startFakeProvider.js';
import { eventually, messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

export const APP_SECRET = 'test-app-secret-0123456789';
export const VERIFY_TOKEN = 'test-verify-token';
export const ACCESS_TOKEN = 'EAAtest-system-user-token';
export const PHONE_NUMBER_ID = '109876543210987';
/** A real-format business number (Meta's +1 555 test numbers would do too: the business number is never validated). */
export const BUSINESS_NUMBER = '+16505550100';
export const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TWILIO_TOKEN = 'twilio-auth-token-0123456789';

export interface Json {
  [k: string]: unknown;
}

export interface ProviderServer {
  server: TestServer;
  /** The fake Graph API or Twilio API. */
  fake: FakeProvider;
  close(): Promise<void>;
}

let sendCounter = 0;

async function closeBoth(server: TestServer, fake: FakeProvider): Promise<void> {
  await server.close();
  await fake.close();
}

/** The real server in cloud-api mode; Graph answers each send with a fresh wamid, as the real one does. */
export async function startCloudApiServer(
  env: Record<string, string> = {},
  overrides: Partial<Pick<Deps, 'clock' | 'log'>> = {},
): Promise<ProviderServer> {
  const fake = await startFakeProvider(
    () => ({
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: 'x', wa_id: 'x' }],
        messages: [{ id: `wamid.OUT${++sendCounter}${randomBytes(6).toString('hex')}` }],
      },
    }),
    { authorization: `Bearer ${ACCESS_TOKEN}` },
  );
  const server = await startTestServer(
    {
      NOTP_WHATSAPP_PROVIDER: 'cloud-api',
      NOTP_WHATSAPP_NUMBER: BUSINESS_NUMBER,
      NOTP_CLOUD_API_APP_SECRET: APP_SECRET,
      NOTP_CLOUD_API_VERIFY_TOKEN: VERIFY_TOKEN,
      NOTP_CLOUD_API_ACCESS_TOKEN: ACCESS_TOKEN,
      NOTP_CLOUD_API_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      NOTP_CLOUD_API_GRAPH_URL: `${fake.url}/v24.0`,
      ...env,
    },
    overrides,
  );
  return { server, fake, close: () => closeBoth(server, fake) };
}

/** The real server in twilio mode; the Messages API answers each send with a fresh SID. */
export async function startTwilioServer(env: Record<string, string> = {}): Promise<ProviderServer> {
  const fake = await startFakeProvider(
    () => ({ status: 201, body: { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' } }),
    {
      authorization: `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`,
      unauthorizedBody: {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      },
    },
  );
  const server = await startTestServer({
    NOTP_WHATSAPP_PROVIDER: 'twilio',
    NOTP_WHATSAPP_NUMBER: BUSINESS_NUMBER,
    NOTP_TWILIO_ACCOUNT_SID: TWILIO_SID,
    NOTP_TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    NOTP_TWILIO_API_URL: fake.url,
    ...env,
  });
  return { server, fake, close: () => closeBoth(server, fake) };
}

/** POST a start route; returns the pendingRef and the prefilled text of the redirectUrl. */
export async function startLogin(
  server: TestServer,
  body: Json,
  opts: { path?: string; headers?: Record<string, string> } = {},
): Promise<{ pendingRef: string; redirectUrl: string; text: string }> {
  const res = await fetch(`${server.url}${opts.path ?? routes.notp.signUpOrIn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json', ...opts.headers },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${JSON.stringify(answer)}`);
  const redirectUrl = answer['redirectUrl'] as string;
  return { pendingRef: answer['pendingRef'] as string, redirectUrl, text: messageOf(redirectUrl) };
}

/** One immediate pending-session poll. */
export async function pollSession(server: TestServer, pendingRef: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${routes.notp.pendingSession}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    body: JSON.stringify({ pendingRef }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export const newWamid = (): string => `wamid.HBgL${randomBytes(18).toString('base64url')}`;

/** One Cloud API user message as Meta delivers it (WHATSAPP.md), text or a reply-button tap. */
export function cloudMessage(
  server: TestServer,
  from: string,
  content: { text: string } | { buttonId: string; title?: string; contextId?: string },
  opts: { wamid?: string; timestampMs?: number } = {},
): Json {
  const message: Json = {
    from,
    from_user_id: 'US.13491208655302741918',
    id: opts.wamid ?? newWamid(),
    timestamp: String(Math.floor((opts.timestampMs ?? server.deps.clock.now()) / 1000)),
  };
  if ('text' in content) {
    message['type'] = 'text';
    message['text'] = { body: content.text };
  } else {
    if (content.contextId) message['context'] = { from: BUSINESS_NUMBER.slice(1), id: content.contextId };
    message['type'] = 'interactive';
    message['interactive'] = {
      type: 'button_reply',
      button_reply: { id: content.buttonId, title: content.title ?? 'Yes' },
    };
  }
  return cloudEnvelope({
    contacts: [{ profile: { name: 'Test User' }, wa_id: from, user_id: 'US.13491208655302741918' }],
    messages: [message],
  });
}

/** The `whatsapp_business_account` envelope around one change value for our phone number id. */
export function cloudEnvelope(value: Json): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: BUSINESS_NUMBER.slice(1), phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** POSTs raw bytes to /webhooks/whatsapp, signed with `secret` (null: no signature header at all). */
export async function postCloudWebhook(
  server: TestServer,
  payload: Json | string,
  secret: string | null = APP_SECRET,
): Promise<{ status: number; body: string }> {
  const raw = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null)
    headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const res = await fetch(`${server.url}${routes.webhooks.whatsapp}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}

/** A Twilio WhatsApp inbound form (the fields Twilio documents), in the order Twilio sends them. */
export function twilioForm(fromDigits: string, body: string, sid = `SM${randomBytes(16).toString('hex')}`) {
  return new URLSearchParams({
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: 'Test User',
    MessageType: 'text',
    SmsSid: sid,
    WaId: fromDigits,
    SmsStatus: 'received',
    Body: body,
    To: `whatsapp:${BUSINESS_NUMBER}`,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: TWILIO_SID,
    From: `whatsapp:+${fromDigits}`,
    ApiVersion: '2010-04-01',
  });
}

/** Twilio's documented signature: base64 HMAC-SHA1 over the URL + each param (sorted by name) name+value. */
export function signTwilio(url: string, form: URLSearchParams, token = TWILIO_TOKEN): string {
  const hmac = createHmac('sha1', token).update(url);
  for (const [name, value] of [...form.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hmac.update(name + value);
  }
  return hmac.digest('base64');
}

export async function postTwilioWebhook(
  server: TestServer,
  form: URLSearchParams,
  signature: string | null,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(`${server.url}${routes.webhooks.twilio}`, {
    method: 'POST',
    headers,
    body: form.toString(),
  });
  return { status: res.status, body: await res.text() };
}

/** The Graph send requests the fake received, bodies parsed. */
export function graphSends(fake: FakeProvider): (RecordedRequest & { json: Json })[] {
  return fake.requests
    .filter((r) => r.method === 'POST' && r.url === `/v24.0/${PHONE_NUMBER_ID}/messages`)
    .map((r) => ({ ...r, json: JSON.parse(r.body) as Json }));
}

/** The text body of the `index`-th text message Graph received. */
export function graphText(fake: FakeProvider, index: number): string {
  const send = graphSends(fake)[index];
  if (!send) throw new Error(`Graph received no message #${index}`);
  return (send.json['text'] as { body: string }).body;
}

/** Waits until the fake has received `n` requests (replies go out off the webhook's path). */
export function receivedRequests(fake: FakeProvider, n: number, timeoutMs = 5_000): Promise<RecordedRequest[]> {
  return eventually(async () => (fake.requests.length >= n ? fake.requests : undefined), timeoutMs);
}

/** The start request's prefilled code line: what a user sends back unchanged. */
export { messageOf };
