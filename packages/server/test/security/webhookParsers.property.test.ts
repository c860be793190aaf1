// Property tests of the webhook parsers (Cloud API JSON, Twilio form): garbage never throws or yields a malformed
// message, and well-formed deliveries parse to exactly what they carry. Fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloudApiWebhook } from '../../src/whatsapp/cloud-api/CloudApiWebhook.js';
import type { InboundMessage, RawDelivery } from '../../src/whatsapp/ports.js';
import { TwilioWebhook } from '../../src/whatsapp/twilio/TwilioWebhook.js';
import { useFixedSeed } from './fastCheckSeed.js';

useFixedSeed(400);

const PHONE_NUMBER_ID = '100000000000001';
const cloud = new CloudApiWebhook({ appSecret: 'appsecret', phoneNumberId: PHONE_NUMBER_ID });
const twilio = new TwilioWebhook({
  authToken: '12345',
  url: 'https://auth.example.com/webhooks/twilio',
  whatsappNumber: '+16505550100',
  now: () => 1_700_000_000_000,
});

const json = (body: unknown): RawDelivery => ({
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  headers: {},
  contentType: 'application/json',
});
const form = (fields: [string, string][]): RawDelivery => ({
  rawBody: Buffer.from(new URLSearchParams(fields).toString()),
  headers: {},
  contentType: 'application/x-www-form-urlencoded',
});

function wellFormed(m: InboundMessage, provider: string): void {
  expect(m.messageKey).toBe(`${provider}:${m.messageId}`);
  expect(m.messageId.length).toBeGreaterThan(0);
  expect(m.waId === null || /^[0-9]{5,20}$/.test(m.waId)).toBe(true);
  expect(m.text !== null || m.buttonId !== null).toBe(true);
  expect(Number.isFinite(m.timestamp)).toBe(true);
  expect(typeof m.forwarded).toBe('boolean');
}

/** Meta-shaped deliveries whose every level may be missing, of the wrong type or junk. */
const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string()), fc.object());
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, junk);
const message = fc.record(
  {
    from: maybe(fc.stringMatching(/^[0-9]{5,20}$/)),
    from_user_id: maybe(fc.string()),
    id: maybe(fc.string({ minLength: 1, maxLength: 300 })),
    timestamp: maybe(fc.integer({ min: -10, max: 2_000_000_000 }).map(String)),
    type: maybe(fc.constantFrom('text', 'interactive', 'button', 'image', 'reaction')),
    text: maybe(fc.record({ body: maybe(fc.string()) })),
    interactive: maybe(
      fc.record({
        type: maybe(fc.constant('button_reply')),
        button_reply: maybe(fc.record({ id: maybe(fc.string()) })),
      }),
    ),
    context: maybe(fc.record({ id: maybe(fc.string()), forwarded: maybe(fc.boolean()) })),
  },
  { requiredKeys: [] },
);
const shapedDelivery = fc.record(
  {
    object: maybe(fc.constant('whatsapp_business_account')),
    entry: maybe(
      fc.array(
        fc.record(
          {
            changes: maybe(
              fc.array(
                fc.record(
                  {
                    field: maybe(fc.constantFrom('messages', 'statuses')),
                    value: maybe(
                      fc.record(
                        {
                          metadata: maybe(fc.record({ phone_number_id: maybe(fc.constant(PHONE_NUMBER_ID)) })),
                          contacts: maybe(
                            fc.array(fc.record({ wa_id: maybe(fc.string()), user_id: maybe(fc.string()) })),
                          ),
                          messages: maybe(fc.array(message, { maxLength: 4 })),
                        },
                        { requiredKeys: [] },
                      ),
                    ),
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 3 },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('CloudApiWebhook.parse (property)', () => {
  it('arbitrary bytes and arbitrary JSON: never throws, yields only well-formed messages', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.json(),
        ),
        (body) => {
          for (const m of cloud.parse(json(body))) wellFormed(m, 'cloud-api');
        },
      ),
    );
  });

  it('Meta-shaped deliveries with junk at any level: never throws, only well-formed messages for our number', () => {
    fc.assert(
      fc.property(shapedDelivery, (body) => {
        for (const m of cloud.parse(json(body))) wellFormed(m, 'cloud-api');
      }),
    );
  });

  it('well-formed text messages parse to exactly what they carry, batched or not', () => {
    const one = fc.record({
      waId: fc.stringMatching(/^[1-9][0-9]{9,14}$/),
      id: fc.string({ minLength: 1, maxLength: 100 }).map((s) => `wamid.${s}`),
      text: fc.string({ minLength: 1, maxLength: 500 }),
      seconds: fc.integer({ min: 1, max: 2_000_000_000 }),
      forwarded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(one, { minLength: 1, maxLength: 5 }), (msgs) => {
        const body = {
          object: 'whatsapp_business_account',
          entry: [
            {
              changes: [
                {
                  field: 'messages',
                  value: {
                    metadata: { phone_number_id: PHONE_NUMBER_ID },
                    messages: msgs.map((m) => ({
                      from: m.waId,
                      id: m.id,
                      timestamp: String(m.seconds),
                      type: 'text',
                      text: { body: m.text },
                      ...(m.forwarded ? { context: { forwarded: true } } : {}),
                    })),
                  },
                },
              ],
            },
          ],
        };
        const parsed = cloud.parse(json(body));
        expect(parsed.map((p) => [p.waId, p.messageId, p.text, p.timestamp, p.forwarded])).toEqual(
          msgs.map((m) => [m.waId, m.id, m.text, m.seconds * 1000, m.forwarded]),
        );
      }),
    );
  });

  it('deliveries for another phone number id are ignored', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s !== PHONE_NUMBER_ID),
        (otherId) => {
          const body = {
            object: 'whatsapp_business_account',
            entry: [
              {
                changes: [
                  {
                    field: 'messages',
                    value: {
                      metadata: { phone_number_id: otherId },
                      messages: [
                        { from: '16505551234', id: 'wamid.x', timestamp: '1', type: 'text', text: { body: 'hi' } },
                      ],
                    },
                  },
                ],
              },
            ],
          };
          expect(cloud.parse(json(body))).toEqual([]);
        },
      ),
    );
  });
});

describe('TwilioWebhook.parse (property)', () => {
  const field = fc.tuple(
    fc.oneof(
      fc.constantFrom('MessageSid', 'From', 'To', 'Body', 'WaId', 'ButtonPayload', 'ProfileName', 'Forwarded'),
      fc.string(),
    ),
    fc.string({ maxLength: 200 }),
  );

  it('arbitrary forms and bytes: never throws, yields only well-formed messages', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), (fields) => {
        for (const m of twilio.parse(form(fields))) wellFormed(m, 'twilio');
      }),
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1000 }),
        fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', undefined),
        (bytes, contentType) => {
          const delivery: RawDelivery = { rawBody: Buffer.from(bytes), headers: {}, contentType };
          for (const m of twilio.parse(delivery)) wellFormed(m, 'twilio');
        },
      ),
    );
  });

  it('well-formed deliveries parse to exactly what they carry; other recipients are ignored', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.stringMatching(/^[1-9][0-9]{9,14}$/),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.boolean(),
        (hex, waId, text, ours) => {
          const sid = `SM${hex}`;
          const parsed = twilio.parse(
            form([
              ['MessageSid', sid],
              ['From', `whatsapp:+${waId}`],
              ['To', ours ? 'whatsapp:+16505550100' : 'whatsapp:+16505550199'],
              ['Body', text],
              ['WaId', waId],
            ]),
          );
          if (!ours) {
            expect(parsed).toEqual([]);
            return;
          }
          expect(parsed).toHaveLength(1);
          expect(parsed[0]).toMatchObject({ messageKey: `twilio:${sid}`, waId, text });
        },
      ),
    );
  });
});
