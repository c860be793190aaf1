// simulatedDelivery round-trips through the production Cloud API adapter: signature verifies, parse gives the message.
import { describe, expect, it } from 'vitest';
import { CloudApiWebhook } from '../cloud-api/CloudApiWebhook.js';
import { simulatedBsuid, simulatedDelivery } from './simulatedDelivery.js';

const business = { whatsappNumber: '+1 650 555 0100', phoneNumberId: '100000000000001', appSecret: 's3cret' };
const adapter = new CloudApiWebhook({ appSecret: 's3cret', phoneNumberId: '100000000000001' });
const now = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('simulatedDelivery', () => {
  it('a text message', () => {
    const { rawBody, signature } = simulatedDelivery(business, {
      waId: '5215512345678',
      bsuid: 'MX.12345678901234567890',
      profileName: 'Ana',
      text: 'Log in to Acme code K7Q2M9XD4HPZ8WBN',
      messageId: 'wamid.ABC',
      now: now + 999,
    });
    const delivery = { rawBody, headers: { 'x-hub-signature-256': signature }, contentType: 'application/json' };
    expect(adapter.verifySignature(delivery)).toBe(true);
    expect(adapter.parse(delivery)).toEqual([
      {
        messageKey: 'cloud-api:wamid.ABC',
        messageId: 'wamid.ABC',
        waId: '5215512345678',
        bsuid: 'MX.12345678901234567890',
        text: 'Log in to Acme code K7Q2M9XD4HPZ8WBN',
        buttonId: null,
        contextId: null,
        forwarded: false,
        profileName: 'Ana',
        timestamp: now, // whole seconds, as Meta sends them
      },
    ]);
    const body = JSON.parse(rawBody.toString());
    expect(body.entry[0].changes[0].value.metadata.display_phone_number).toBe('16505550100');
  });

  it('a reply-button tap in the context of our message', () => {
    const { rawBody, signature } = simulatedDelivery(business, {
      waId: '16505551234',
      bsuid: 'US.1',
      profileName: 'Joe',
      button: { id: 'confirm:yes:n0nce', title: "Yes, it's me", contextId: 'wamid.OURS' },
      messageId: 'wamid.TAP',
      now,
    });
    const delivery = { rawBody, headers: { 'x-hub-signature-256': signature }, contentType: 'application/json' };
    expect(adapter.verifySignature(delivery)).toBe(true);
    const [m] = adapter.parse(delivery);
    expect([m?.buttonId, m?.contextId, m?.text]).toEqual(['confirm:yes:n0nce', 'wamid.OURS', null]);
  });

  it('a user whose phone is withheld: only the BSUID travels', () => {
    const { rawBody, signature } = simulatedDelivery(business, {
      waId: '16505551234',
      bsuid: 'US.13491208655302741918',
      withholdPhone: true,
      profileName: 'anon',
      text: 'hi',
      messageId: 'wamid.W',
      now,
    });
    expect(rawBody.toString()).not.toContain('16505551234');
    const [m] = adapter.parse({
      rawBody,
      headers: { 'x-hub-signature-256': signature },
      contentType: 'application/json',
    });
    expect([m?.waId, m?.bsuid]).toEqual([null, 'US.13491208655302741918']);
  });
});

describe('simulatedBsuid', () => {
  it('is BSUID-shaped, stable per phone and secret, different across phones', () => {
    const a = simulatedBsuid('s', '+16505551234');
    expect(a).toMatch(/^US\.[0-9]{20}$/);
    expect(simulatedBsuid('s', '+16505551234')).toBe(a);
    expect(simulatedBsuid('s', '+16505551235')).not.toBe(a);
    expect(simulatedBsuid('t', '+16505551234')).not.toBe(a);
    expect(simulatedBsuid('s', '+525512345678')).toMatch(/^MX\./);
  });
});
