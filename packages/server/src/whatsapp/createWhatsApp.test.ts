// Tests for createWhatsApp: the right adapters per mode and a stable, derived simulator app secret.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { cloudApiAppSecret, createWhatsApp } from './createWhatsApp.js';

const masterKey = Buffer.alloc(32, 7);
const log = { warn: () => {} };
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
const signedWith = (secret: string) => ({
  rawBody: body,
  headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
  contentType: 'application/json',
});

describe('createWhatsApp', () => {
  it('simulator mode: Cloud API webhook + simulator sender + inbox, secret stable for one master key', async () => {
    const config = loadConfig({});
    const a = createWhatsApp(config, masterKey, log);
    const b = createWhatsApp(config, masterKey, log);
    const other = createWhatsApp(config, Buffer.alloc(32, 8), log);
    expect(a.appSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.appSecret).toBe(b.appSecret);
    expect(other.appSecret).not.toBe(a.appSecret);
    expect(a.appSecret).toBe(cloudApiAppSecret(config, masterKey));
    expect(a.whatsapp.cloudApi?.verifySignature(signedWith(a.appSecret))).toBe(true);
    expect(a.whatsapp.twilio).toBeNull();
    expect(a.whatsapp.sender.name).toBe('simulator');
    await a.whatsapp.sender.send({ to: '16505551234', text: 'hi' });
    expect(a.simulatorInbox?.list('16505551234').map((m) => m.text)).toEqual(['hi']);
  });

  it('simulator mode honours NOTP_CLOUD_API_APP_SECRET', () => {
    const { appSecret, whatsapp } = createWhatsApp(loadConfig({ NOTP_CLOUD_API_APP_SECRET: 'mine' }), masterKey, log);
    expect(appSecret).toBe('mine');
    expect(whatsapp.cloudApi?.verifySignature(signedWith('mine'))).toBe(true);
  });

  it('cloud-api mode: Cloud API webhook and sender, no inbox', () => {
    const config = loadConfig({
      NOTP_WHATSAPP_PROVIDER: 'cloud-api',
      NOTP_CLOUD_API_APP_SECRET: 's',
      NOTP_CLOUD_API_VERIFY_TOKEN: 'v',
      NOTP_CLOUD_API_ACCESS_TOKEN: 'a',
      NOTP_CLOUD_API_PHONE_NUMBER_ID: '123',
      NOTP_WHATSAPP_NUMBER: '+15551230000',
    });
    const { whatsapp, simulatorInbox, appSecret } = createWhatsApp(config, masterKey, log);
    expect([whatsapp.sender.name, whatsapp.cloudApi?.provider, whatsapp.twilio, simulatorInbox, appSecret]).toEqual([
      'cloud-api',
      'cloud-api',
      null,
      null,
      's',
    ]);
  });

  it('twilio mode: Twilio webhook and sender only', () => {
    const config = loadConfig({
      NOTP_WHATSAPP_PROVIDER: 'twilio',
      NOTP_TWILIO_ACCOUNT_SID: 'AC1',
      NOTP_TWILIO_AUTH_TOKEN: 't',
      NOTP_WHATSAPP_NUMBER: '+15551230000',
    });
    const { whatsapp, simulatorInbox } = createWhatsApp(config, masterKey, log);
    expect([whatsapp.sender.name, whatsapp.twilio?.provider, whatsapp.cloudApi, simulatorInbox]).toEqual([
      'twilio',
      'twilio',
      null,
      null,
    ]);
  });
});
