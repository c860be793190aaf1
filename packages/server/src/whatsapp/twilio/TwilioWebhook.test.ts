// Tests for the Twilio adapter and sender: the signature vector, form parsing, and the Messages API call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderSendError } from '../ProviderSendError.js';
import type { RawDelivery } from '../ports.js';
import { startFakeProvider, type FakeProvider } from '../testing/startFakeProvider.js';
import { TwilioSender } from './TwilioSender.js';
import { TwilioWebhook, twilioSignature } from './TwilioWebhook.js';

const FORM = 'application/x-www-form-urlencoded';
const URL_ = 'https://notp.example.com/webhooks/twilio';
const adapter = new TwilioWebhook({ authToken: '12345', url: URL_, whatsappNumber: '+16505550100', now: () => 42 });

const delivery = (fields: Record<string, string>, signature?: string, contentType = FORM): RawDelivery => ({
  rawBody: Buffer.from(new URLSearchParams(fields).toString()),
  headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
  contentType,
});
const signed = (fields: Record<string, string>) =>
  twilioSignature('12345', URL_, new Map(Object.entries(fields).map(([k, v]) => [k, [v]]))).toString('base64');

const inbound = {
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: 'whatsapp:+5215512345678',
  To: 'whatsapp:+16505550100',
  Body: 'Log in to Acme code K7Q2M9XD4HPZ8WBN',
  WaId: '5215512345678',
  ProfileName: 'Ana',
  MessageType: 'text',
  NumMedia: '0',
  SomeFieldTwilioAddedLater: 'x',
};

describe('twilioSignature', () => {
  it('matches the WHATSAPP.md test vector', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const map = new Map(Object.entries(params).map(([k, v]) => [k, [v]]));
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', map).toString('base64')).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });
});

describe('TwilioWebhook', () => {
  it('accepts a correctly signed delivery, unknown fields included', () => {
    expect(adapter.verifySignature(delivery(inbound, signed(inbound)))).toBe(true);
  });

  it.each([
    ['missing', undefined, FORM],
    ['garbage', 'not-a-signature', FORM],
    ['other token', twilioSignature('54321', URL_, new Map([['a', ['b']]])).toString('base64'), FORM],
    ['JSON body', 'x'.repeat(27) + '=', 'application/json'],
  ])('rejects a %s signature', (_name, signature, contentType) => {
    expect(adapter.verifySignature(delivery(inbound, signature, contentType))).toBe(false);
  });

  it('rejects a tampered body', () => {
    expect(adapter.verifySignature(delivery({ ...inbound, From: 'whatsapp:+16505551234' }, signed(inbound)))).toBe(
      false,
    );
  });

  it('parses a text message, keeping the wa_id exactly as received', () => {
    expect(adapter.parse(delivery(inbound))).toEqual([
      {
        messageKey: 'twilio:SM0123456789abcdef0123456789abcdef',
        messageId: 'SM0123456789abcdef0123456789abcdef',
        waId: '5215512345678',
        bsuid: null,
        text: 'Log in to Acme code K7Q2M9XD4HPZ8WBN',
        buttonId: null,
        contextId: null,
        forwarded: false,
        profileName: 'Ana',
        timestamp: 42,
      },
    ]);
  });

  it('parses a quick-reply tap and the forwarded flag', () => {
    const [m] = adapter.parse(
      delivery({
        ...inbound,
        Body: "Yes, it's me",
        ButtonPayload: 'c:yes:n0nce',
        OriginalRepliedMessageSid: 'SMffffffffffffffffffffffffffffffff',
        Forwarded: 'true',
      }),
    );
    expect([m?.buttonId, m?.contextId, m?.forwarded]).toEqual([
      'c:yes:n0nce',
      'SMffffffffffffffffffffffffffffffff',
      true,
    ]);
  });

  it.each([
    ['no MessageSid', { ...inbound, MessageSid: '' }],
    ['a malformed MessageSid', { ...inbound, MessageSid: 'SMxyz' }],
    ['another business number', { ...inbound, To: 'whatsapp:+16505550199' }],
    ['media only', { ...inbound, Body: '', NumMedia: '1' }],
  ])('drops %s', (_name, fields) => {
    expect(adapter.parse(delivery(fields))).toEqual([]);
  });
});

describe('TwilioSender', () => {
  let twilio: FakeProvider;
  beforeAll(async () => {
    twilio = await startFakeProvider({ status: 201, body: { sid: 'SMout', status: 'queued' } });
  });
  afterAll(() => twilio.close());

  it('posts the form with HTTP Basic auth to the Messages API', async () => {
    const sender = new TwilioSender({
      apiUrl: twilio.url,
      accountSid: 'AC123',
      authToken: 'secret-token',
      whatsappNumber: '+1 650 555 0100',
    });
    expect(await sender.send({ to: '5215512345678', text: 'Signed in' })).toEqual({ messageId: 'SMout' });
    const req = twilio.requests.at(-1);
    expect(req?.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({
      To: 'whatsapp:+5215512345678',
      From: 'whatsapp:+16505550100',
      Body: 'Signed in',
    });
  });

  it.each([
    [429, { code: 20429, message: 'Too Many Requests' }, true],
    [503, { message: 'Unavailable' }, true],
    [400, { code: 63016, message: 'Outside the window' }, false],
    [401, { code: 20003, message: 'Authenticate' }, false],
  ])('status %i → retryable %s', async (status, body, retryable) => {
    twilio.script.push({ status, body });
    const sender = new TwilioSender({ apiUrl: twilio.url, accountSid: 'AC1', authToken: 't', whatsappNumber: '+1' });
    const err = await sender.send({ to: '1', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderSendError);
    expect((err as ProviderSendError).retryable).toBe(retryable);
  });
});
