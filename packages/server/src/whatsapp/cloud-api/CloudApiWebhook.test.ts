// Tests for the Cloud API webhook adapter: the signature vector, header edge cases and defensive parsing.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RawDelivery } from '../ports.js';
import { CloudApiWebhook } from './CloudApiWebhook.js';

const PHONE_NUMBER_ID = '100000000000001';
const adapter = new CloudApiWebhook({ appSecret: 'appsecret', phoneNumberId: PHONE_NUMBER_ID });

const delivery = (body: string | Buffer, signature?: string | string[]): RawDelivery => ({
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
  headers: signature === undefined ? {} : { 'x-hub-signature-256': signature },
  contentType: 'application/json',
});
const sign = (body: string | Buffer, secret = 'appsecret') =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifySignature', () => {
  const vectorBody = '{"object":"whatsapp_business_account","entry":[]}';
  const vectorSig = 'sha256=09eceea024af6e6343b760cc9bd3ae7c056938dd636e24e92109eb8219500384';

  it('accepts the WHATSAPP.md test vector', () => {
    expect(adapter.verifySignature(delivery(vectorBody, vectorSig))).toBe(true);
    expect(adapter.verifySignature(delivery(vectorBody, vectorSig.toUpperCase().replace('SHA256', 'sha256')))).toBe(
      true,
    );
  });

  it.each([
    ['missing header', undefined],
    ['empty header', ''],
    ['no prefix', vectorSig.slice('sha256='.length)],
    ['sha1 prefix', vectorSig.replace('sha256', 'sha1')],
    ['short hex', vectorSig.slice(0, -2)],
    ['long hex', `${vectorSig}00`],
    ['non-hex', `${vectorSig.slice(0, -1)}g`],
    ['one bit off', `${vectorSig.slice(0, -1)}5`],
    ['repeated header', [vectorSig, vectorSig]],
    ['wrong secret', sign(vectorBody, 'other')],
  ])('rejects %s', (_name, signature) => {
    expect(adapter.verifySignature(delivery(vectorBody, signature))).toBe(false);
  });

  it('is over the raw bytes, not re-serialised JSON', () => {
    const raw = '{"object":"whatsapp_business_account","entry":[{"x":"\\u00e9"}]}';
    expect(adapter.verifySignature(delivery(raw, sign(raw)))).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(adapter.verifySignature(delivery(reserialised, sign(raw)))).toBe(false);
  });

  it('refuses an empty app secret at construction', () => {
    expect(() => new CloudApiWebhook({ appSecret: '', phoneNumberId: PHONE_NUMBER_ID })).toThrow(/appSecret/);
  });
});

/** A realistic delivery with the given message objects (Meta's shape, as in its docs). */
function cloudBody(messages: unknown[], extra: { phoneNumberId?: string; contacts?: unknown[]; field?: string } = {}) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1234567890',
        changes: [
          {
            field: extra.field ?? 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '16505550100',
                phone_number_id: extra.phoneNumberId ?? PHONE_NUMBER_ID,
              },
              contacts: extra.contacts ?? [
                { profile: { name: 'Joe Person' }, wa_id: '16505551234', user_id: 'US.1349' },
              ],
              messages,
            },
          },
        ],
      },
    ],
  });
}

const textMessage = (over: Record<string, unknown> = {}) => ({
  from: '16505551234',
  id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk',
  timestamp: '1767225600',
  type: 'text',
  text: { body: 'Log in to Acme code K7Q2M9XD4HPZ8WBN' },
  ...over,
});

describe('parse', () => {
  it('maps a text message with contact, BSUID and timestamp', () => {
    const [m, ...rest] = adapter.parse(delivery(cloudBody([textMessage()])));
    expect(rest).toHaveLength(0);
    expect(m).toEqual({
      messageKey: 'cloud-api:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk',
      messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk',
      waId: '16505551234',
      bsuid: 'US.1349',
      text: 'Log in to Acme code K7Q2M9XD4HPZ8WBN',
      buttonId: null,
      contextId: null,
      forwarded: false,
      profileName: 'Joe Person',
      timestamp: 1767225600000,
    });
  });

  it('maps interactive button replies and template quick replies, with context', () => {
    const messages = adapter.parse(
      delivery(
        cloudBody([
          textMessage({
            id: 'wamid.B1',
            type: 'interactive',
            text: undefined,
            interactive: { type: 'button_reply', button_reply: { id: 'confirm:yes:abc', title: "Yes, it's me" } },
            context: { from: '16505550100', id: 'wamid.OURS' },
          }),
          textMessage({ id: 'wamid.B2', type: 'button', text: undefined, button: { payload: 'no:abc', text: 'No' } }),
        ]),
      ),
    );
    expect(messages.map((m) => [m.messageId, m.buttonId, m.text, m.contextId])).toEqual([
      ['wamid.B1', 'confirm:yes:abc', null, 'wamid.OURS'],
      ['wamid.B2', 'no:abc', null, null],
    ]);
  });

  it('flags forwarded messages', () => {
    const [a, b] = adapter.parse(
      delivery(
        cloudBody([
          textMessage({ id: 'wamid.F1', context: { forwarded: true } }),
          textMessage({ id: 'wamid.F2', context: { frequently_forwarded: true } }),
        ]),
      ),
    );
    expect([a?.forwarded, b?.forwarded]).toEqual([true, true]);
  });

  it('keeps a message whose phone was withheld (username user): waId null, BSUID kept', () => {
    const [m] = adapter.parse(
      delivery(
        cloudBody([textMessage({ from: undefined, from_user_id: 'BR.9876' })], {
          contacts: [{ profile: { name: 'anon' }, user_id: 'BR.9876' }],
        }),
      ),
    );
    expect(m?.waId).toBeNull();
    expect(m?.bsuid).toBe('BR.9876');
    expect(m?.profileName).toBe('anon');
  });

  it('iterates every entry, change and message of a batch', () => {
    const body = JSON.parse(cloudBody([textMessage({ id: 'wamid.1' }), textMessage({ id: 'wamid.2' })]));
    body.entry.push(JSON.parse(cloudBody([textMessage({ id: 'wamid.3' })])).entry[0]);
    body.entry[0].changes.push(JSON.parse(cloudBody([textMessage({ id: 'wamid.4' })])).entry[0].changes[0]);
    const ids = adapter.parse(delivery(JSON.stringify(body))).map((m) => m.messageId);
    expect(ids).toEqual(['wamid.1', 'wamid.2', 'wamid.4', 'wamid.3']);
  });

  it.each([
    ['not JSON', '{"object":'],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['another object type', JSON.stringify({ object: 'page', entry: [] })],
    ['entry not an array', JSON.stringify({ object: 'whatsapp_business_account', entry: {} })],
    [
      'changes of wrong types',
      JSON.stringify({ object: 'whatsapp_business_account', entry: [null, 1, { changes: 'x' }] }),
    ],
    ['another field', cloudBody([textMessage()], { field: 'account_update' })],
    ['another phone number id', cloudBody([textMessage()], { phoneNumberId: '999' })],
    ['an image', cloudBody([textMessage({ type: 'image', text: undefined, image: { id: 'm1' } })])],
    ['a reaction', cloudBody([textMessage({ type: 'reaction', text: undefined, reaction: { emoji: 'x' } })])],
    [
      'an unsupported message',
      cloudBody([textMessage({ type: 'unsupported', text: undefined, errors: [{ code: 1 }] })]),
    ],
    [
      'a list reply',
      cloudBody([textMessage({ type: 'interactive', text: undefined, interactive: { type: 'list_reply' } })]),
    ],
    ['text without body', cloudBody([textMessage({ text: {} })])],
    ['no id', cloudBody([textMessage({ id: undefined })])],
    ['bad timestamp', cloudBody([textMessage({ timestamp: 'yesterday' })])],
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
                  statuses: [{ id: 'wamid.X', status: 'delivered', timestamp: '1767225600', recipient_id: '1650' }],
                },
              },
            ],
          },
        ],
      }),
    ],
  ])('drops %s', (_name, body) => {
    expect(adapter.parse(delivery(body))).toEqual([]);
  });

  it('treats a non-digit from as withheld rather than trusting it', () => {
    const [m] = adapter.parse(delivery(cloudBody([textMessage({ from: '+1 650 555 1234' })])));
    expect(m?.waId).toBeNull();
  });
});
