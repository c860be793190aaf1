// Webhook routes over real deps: handshake, signature before parsing, garbage and statuses → 200, logins complete.
import { createHmac } from 'node:crypto';
import { errors } from '@notp/core';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPendingRef } from '../../flows/notp/pendingRef.js';
import { startLogin } from '../../flows/notp/startLogin.js';
import { prefilledTextOf } from '../../flows/notp/testing/makeFlowDeps.js';
import { twilioSignature } from '../../whatsapp/twilio/TwilioWebhook.js';
import { type WebhookTestApp, webhookTestApp } from '../../whatsapp/testing/webhookTestApp.js';

let t: WebhookTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PHONE_NUMBER_ID = '100000000000001';
const sign = (body: string | Buffer, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function textDelivery(from: string, text: string, id: string, nowMs: number, phoneNumberId = PHONE_NUMBER_ID): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '16505550100', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Ana' }, wa_id: from }],
              messages: [{ from, id, timestamp: String(Math.floor(nowMs / 1000)), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

const post = (body: string | Buffer, headers: Record<string, string>) =>
  t?.app.inject({ method: 'POST', url: '/webhooks/whatsapp', headers, payload: body });

describe('GET /webhooks/whatsapp (handshake)', () => {
  const query = (mode: string, token: string, challenge: string) =>
    `/webhooks/whatsapp?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=${challenge}`;

  it('answers the challenge as plain text for the right token', async () => {
    t = await webhookTestApp({ NOTP_CLOUD_API_VERIFY_TOKEN: 'verify-me' });
    const res = await t.app.inject({ method: 'GET', url: query('subscribe', 'verify-me', '1158201444') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('1158201444');
  });

  it.each([
    ['a wrong token', query('subscribe', 'verify-mE', '1')],
    ['a longer token', query('subscribe', 'verify-me-too', '1')],
    ['a wrong mode', query('unsubscribe', 'verify-me', '1')],
    ['no challenge', '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me'],
    ['no parameters', '/webhooks/whatsapp'],
  ])('403 JSON for %s', async (_name, url) => {
    t = await webhookTestApp({ NOTP_CLOUD_API_VERIFY_TOKEN: 'verify-me' });
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(403);
    expect(res.json().errorCode).toBe(errors.webhookVerifyTokenInvalid.code);
  });

  it('403 in simulator mode without a configured verify token, whatever is sent', async () => {
    t = await webhookTestApp();
    const res = await t.app.inject({ method: 'GET', url: query('subscribe', '', '1') });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /webhooks/whatsapp', () => {
  const vectorBody = '{"object":"whatsapp_business_account","entry":[]}';
  const vectorSig = 'sha256=09eceea024af6e6343b760cc9bd3ae7c056938dd636e24e92109eb8219500384';

  it('accepts the WHATSAPP.md vector with 200 {}', async () => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const res = await post(vectorBody, { 'content-type': 'application/json', 'x-hub-signature-256': vectorSig });
    expect([res?.statusCode, res?.json()]).toEqual([200, {}]);
  });

  it.each([
    ['no signature', vectorBody, {}],
    ['a bad signature', vectorBody, { 'x-hub-signature-256': sign(vectorBody, 'wrong') }],
    ['a bad signature on a malformed body', '{"object":', { 'x-hub-signature-256': sign('x', 'appsecret') }],
    ['no signature on an empty body', '', {}],
  ])('401 JSON for %s, before any parsing', async (_name, body, headers) => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const res = await post(body, { 'content-type': 'application/json', ...headers });
    expect(res?.statusCode).toBe(401);
    expect(res?.headers['content-type']).toMatch(/^application\/json/);
    expect(res?.json().errorCode).toBe(errors.webhookSignatureInvalid.code);
  });

  it.each([
    ['garbage JSON', '{"object":', 'application/json'],
    ['not JSON at all', 'hello', 'text/plain'],
    [
      'a status receipt',
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: PHONE_NUMBER_ID },
                  statuses: [{ id: 'wamid.X', status: 'read' }],
                },
              },
            ],
          },
        ],
      }),
      'application/json',
    ],
    ['no content type', vectorBody, undefined],
  ])('200 {} for a signed delivery with %s', async (_name, body, contentType) => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const headers: Record<string, string> = { 'x-hub-signature-256': sign(body, 'appsecret') };
    if (contentType) headers['content-type'] = contentType;
    const res = await post(body, headers);
    expect([res?.statusCode, res?.json()]).toEqual([200, {}]);
  });

  it('413 JSON for a body over 3 MB', async () => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const body = Buffer.alloc(3 * 1024 * 1024 + 10, 0x20);
    const res = await post(body, {
      'content-type': 'application/json',
      'x-hub-signature-256': sign(body, 'appsecret'),
    });
    expect(res?.statusCode).toBe(413);
    expect(res?.json().errorCode).toBe(errors.payloadTooLarge.code);
  });

  it('a signed delivery completes the login, replies to the wa_id as received, and a redelivery changes nothing', async () => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '+52 55 1234 5678' });
    const body = textDelivery('5215512345678', prefilledTextOf(started.redirectUrl), 'wamid.MX1', kit.clock.now());
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, 'appsecret') };

    const first = await post(body, headers);
    expect([first?.statusCode, first?.json()]).toEqual([200, {}]);
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect(pending?.status).toBe('verified'); // committed before the 200
    expect(pending?.senderPhone).toBe('+525512345678');

    const again = await post(body, headers);
    expect(again?.statusCode).toBe(200);
    await deps.replies.drain(2000);
    const replies = deps.simulatorInbox?.list('5215512345678') ?? [];
    expect(replies).toHaveLength(1);
    expect(replies[0]?.to).toBe('5215512345678');
  });

  it('ignores a delivery addressed to another business number', async () => {
    t = await webhookTestApp({ NOTP_CLOUD_API_APP_SECRET: 'appsecret' });
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '' });
    const body = textDelivery('16505551234', prefilledTextOf(started.redirectUrl), 'wamid.O1', kit.clock.now(), '999');
    const res = await post(body, {
      'content-type': 'application/json',
      'x-hub-signature-256': sign(body, 'appsecret'),
    });
    expect(res?.statusCode).toBe(200);
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect(pending?.status).toBe('pending');
  });
});

describe('POST /webhooks/twilio', () => {
  const twilioEnv = {
    NOTP_WHATSAPP_PROVIDER: 'twilio',
    NOTP_TWILIO_ACCOUNT_SID: 'AC0123',
    NOTP_TWILIO_AUTH_TOKEN: 'twilio-token',
    NOTP_WHATSAPP_NUMBER: '+16505550100',
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const signed = (fields: Record<string, string>) =>
    twilioSignature(
      'twilio-token',
      'http://127.0.0.1:4000/webhooks/twilio',
      new Map(Object.entries(fields).map(([k, v]) => [k, [v]])),
    ).toString('base64');

  it('verifies against the public URL, completes the login and answers TwiML', async () => {
    t = await webhookTestApp(twilioEnv);
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '' });
    const fields = {
      MessageSid: `SM${'a'.repeat(32)}`,
      From: 'whatsapp:+16505551234',
      To: 'whatsapp:+16505550100',
      WaId: '16505551234',
      Body: prefilledTextOf(started.redirectUrl),
      ProfileName: 'Ana',
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed(fields) },
      payload: form(fields),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.body).toBe('<Response/>');
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect(pending?.status).toBe('verified');
  });

  it('401 JSON without a valid signature; the Cloud API routes do not exist in twilio mode', async () => {
    t = await webhookTestApp(twilioEnv);
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'A'.repeat(27) + '=' },
      payload: form({ MessageSid: `SM${'a'.repeat(32)}` }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().errorCode).toBe(errors.webhookSignatureInvalid.code);
    const cloud = await t.app.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: '{}' });
    expect(cloud.statusCode).toBe(404);
    expect(cloud.json().errorCode).toBe(errors.routeNotFound.code);
  });
});
