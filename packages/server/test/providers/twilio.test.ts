// Twilio mode end to end: the real server, Twilio-format signed forms, replies to a local Twilio fake (Basic checked).
import { routes } from '@notp/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BUSINESS_NUMBER,
  pollSession,
  postTwilioWebhook,
  type ProviderServer,
  receivedRequests,
  signTwilio,
  startLogin,
  startTwilioServer,
  TWILIO_SID,
  TWILIO_TOKEN,
  twilioForm,
} from './providerKit.js';

let p: ProviderServer;
let webhookUrl: string;
beforeAll(async () => {
  p = await startTwilioServer();
  // Twilio signs the public URL it posts to: NOTP_PUBLIC_URL + the route.
  webhookUrl = `${p.server.url}${routes.webhooks.twilio}`;
});
afterAll(() => p.close());
beforeEach(() => {
  p.fake.requests.length = 0;
  p.fake.script.length = 0;
});

const messagesPath = `/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`;
const sends = () =>
  p.fake.requests
    .filter((r) => r.method === 'POST' && r.url === messagesPath)
    .map((r) => ({ ...r, form: new URLSearchParams(r.body) }));

describe('twilio mode', () => {
  it('the redirectUrl is the wa.me link of the configured number', async () => {
    const s = await startLogin(p.server, { loginId: '+16505554000' });
    expect(s.redirectUrl).toMatch(new RegExp(`^https://wa\\.me/${BUSINESS_NUMBER.slice(1)}\\?text=`));
  });

  it('a signed form signs in; one reply through the Messages API with Basic auth and the WhatsApp addresses', async () => {
    const s = await startLogin(p.server, { loginId: '+16505554001' }, { headers: { 'accept-language': 'pt-BR' } });
    const form = twilioForm('16505554001', s.text);
    const res = await postTwilioWebhook(p.server, form, signTwilio(webhookUrl, form));
    expect(res.status).toBe(200);
    expect(res.body).toBe('<Response/>');
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
    await receivedRequests(p.fake, 1);
    const [send] = sends();
    expect(send?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`,
    );
    expect(send?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(send?.form.get('To')).toBe('whatsapp:+16505554001');
    expect(send?.form.get('From')).toBe(`whatsapp:${BUSINESS_NUMBER}`);
    expect(send?.form.get('Body')).toBe(
      '✅ Bem-vindo ao notp dev! Sua conta está pronta; volte ao app para continuar.',
    );
  });

  it.each([
    ['no signature', null],
    ['signed with another token', 'other-token'],
    ['signed over another URL', 'url'],
  ])('%s: 401 JSON error, the login stays pending', async (_name, how) => {
    const s = await startLogin(p.server, { loginId: '+16505554002' });
    const form = twilioForm('16505554002', s.text);
    const signature =
      how === null
        ? null
        : how === 'url'
          ? signTwilio('https://attacker.example/webhooks/twilio', form)
          : signTwilio(webhookUrl, form, how);
    const res = await postTwilioWebhook(p.server, form, signature);
    expect(res.status).toBe(401);
    expect((JSON.parse(res.body) as { errorCode: string }).errorCode).toBe('E903001');
    expect((await pollSession(p.server, s.pendingRef)).body['errorCode']).toBe('E066103');
  });

  it('a field Twilio adds without notice is signed over too (and accepted)', async () => {
    const s = await startLogin(p.server, { loginId: '+16505554003' });
    const form = twilioForm('16505554003', s.text);
    form.set('ChannelMetadata', '{"type":"whatsapp"}');
    expect((await postTwilioWebhook(p.server, form, signTwilio(webhookUrl, form))).status).toBe(200);
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
  });

  it('retried delivery (same MessageSid twice): one login, one reply', async () => {
    const s = await startLogin(p.server, { loginId: '+16505554004' });
    const form = twilioForm('16505554004', s.text);
    const signature = signTwilio(webhookUrl, form);
    expect((await postTwilioWebhook(p.server, form, signature)).status).toBe(200);
    expect((await postTwilioWebhook(p.server, form, signature)).status).toBe(200);
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
    await receivedRequests(p.fake, 1);
    await p.server.deps.replies.drain(2_000);
    expect(sends()).toHaveLength(1);
  });

  it('Twilio 429 (code 20429) then success: the reply is retried', async () => {
    p.fake.script.push({
      status: 429,
      headers: { 'retry-after': '0' },
      body: {
        code: 20429,
        message: 'Too Many Requests',
        more_info: 'https://www.twilio.com/docs/errors/20429',
        status: 429,
      },
    });
    const s = await startLogin(p.server, { loginId: '+16505554005' });
    const form = twilioForm('16505554005', s.text);
    await postTwilioWebhook(p.server, form, signTwilio(webhookUrl, form));
    await receivedRequests(p.fake, 2, 10_000);
    expect(sends().map((x) => x.form.get('To'))).toEqual(['whatsapp:+16505554005', 'whatsapp:+16505554005']);
  });

  it('Brazil 12-digit WaId against a 13-digit login id: signs in, reply to the WaId as received', async () => {
    const s = await startLogin(p.server, { loginId: '+5521998765432' });
    const form = twilioForm('552198765432', s.text);
    expect((await postTwilioWebhook(p.server, form, signTwilio(webhookUrl, form))).status).toBe(200);
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
    await receivedRequests(p.fake, 1);
    expect(sends()[0]?.form.get('To')).toBe('whatsapp:+552198765432');
  });
});

describe('twilio mode with confirmation on', () => {
  let t: ProviderServer;
  beforeAll(async () => {
    t = await startTwilioServer({ NOTP_CONFIRMATION: 'on' });
  });
  afterAll(() => t.close());

  it('verifies in one message (Twilio cannot send reply buttons without Content API templates)', async () => {
    const s = await startLogin(t.server, { loginId: '+16505554100' });
    const form = twilioForm('16505554100', s.text);
    const url = `${t.server.url}${routes.webhooks.twilio}`;
    expect((await postTwilioWebhook(t.server, form, signTwilio(url, form))).status).toBe(200);
    expect((await pollSession(t.server, s.pendingRef)).status).toBe(200);
  });
});
