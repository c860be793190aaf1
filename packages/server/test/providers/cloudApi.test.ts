// Cloud API mode end to end: the real server, Meta-format deliveries, replies to a local Graph fake (bearer checked).
import { routes } from '@notp/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '@notp/test-utils/server';
import {
  ACCESS_TOKEN,
  BUSINESS_NUMBER,
  cloudEnvelope,
  cloudMessage,
  graphSends,
  type Json,
  newWamid,
  PHONE_NUMBER_ID,
  pollSession,
  postCloudWebhook,
  type ProviderServer,
  receivedRequests,
  startCloudApiServer,
  startLogin,
  VERIFY_TOKEN,
} from './providerKit.js';

let p: ProviderServer;
beforeAll(async () => {
  p = await startCloudApiServer();
});
afterAll(() => p.close());
beforeEach(() => {
  p.fake.requests.length = 0;
  p.fake.script.length = 0;
});

const textOf = (send: { json: Json }) => (send.json['text'] as { body: string }).body;

describe('cloud-api mode: webhook handshake and signatures', () => {
  it('handshake: the right verify token echoes the challenge as text; a wrong one is a JSON 403', async () => {
    const ok = await fetch(
      `${p.server.url}${routes.webhooks.whatsapp}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(
      `${p.server.url}${routes.webhooks.whatsapp}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    );
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as Json)['errorCode']).toBe('E903002');
  });

  it.each([
    ['no signature header', null],
    ['signed with another secret', 'not-the-app-secret'],
  ])('%s: 401, and the login stays pending (nothing sent to Graph)', async (_name, secret) => {
    const s = await startLogin(p.server, { loginId: '+16505551001' });
    const res = await postCloudWebhook(p.server, cloudMessage(p.server, '16505551001', { text: s.text }), secret);
    expect(res.status).toBe(401);
    expect((JSON.parse(res.body) as Json)['errorCode']).toBe('E903001');
    expect((await pollSession(p.server, s.pendingRef)).body['errorCode']).toBe('E066103');
    // The same message, now properly signed, still completes the login: the forgery changed nothing.
    expect((await postCloudWebhook(p.server, cloudMessage(p.server, '16505551001', { text: s.text }))).status).toBe(
      200,
    );
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
  });

  it('statuses, other fields and other phone number ids: 200, nothing happens', async () => {
    const statuses = cloudEnvelope({
      statuses: [{ id: newWamid(), status: 'delivered', timestamp: '1700000000', recipient_id: '16505551234' }],
    });
    expect((await postCloudWebhook(p.server, statuses)).status).toBe(200);
    const s = await startLogin(p.server, { loginId: '+16505551002' });
    const foreign = cloudMessage(p.server, '16505551002', { text: s.text }) as {
      entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[];
    };
    const value = foreign.entry[0]?.changes[0]?.value;
    if (value) value.metadata.phone_number_id = '999999999999999';
    expect((await postCloudWebhook(p.server, foreign as unknown as Json)).status).toBe(200);
    expect((await pollSession(p.server, s.pendingRef)).body['errorCode']).toBe('E066103');
    expect(p.fake.requests).toHaveLength(0);
  });
});

describe('cloud-api mode: sign-in and the reply through Graph', () => {
  it('signed delivery signs in; one reply to the wa_id, in context, with the bearer token, in English', async () => {
    const s = await startLogin(p.server, { loginId: '+16505551003' });
    expect(s.redirectUrl.startsWith(`https://wa.me/${BUSINESS_NUMBER.slice(1)}?text=`)).toBe(true);
    const wamid = newWamid();
    expect(
      (await postCloudWebhook(p.server, cloudMessage(p.server, '16505551003', { text: s.text }, { wamid }))).status,
    ).toBe(200);
    const session = await pollSession(p.server, s.pendingRef);
    expect(session.status).toBe(200);
    expect((session.body['user'] as Json)['phone']).toBe('+16505551003');

    await receivedRequests(p.fake, 1);
    const [send] = graphSends(p.fake);
    expect(send?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(send?.headers['content-type']).toBe('application/json');
    expect(send?.json).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551003',
      type: 'text',
      context: { message_id: wamid },
    });
    expect(textOf(send as { json: Json })).toBe(
      '✅ Welcome to notp dev! Your account is ready; go back to the app to continue.',
    );
  });

  it('retried delivery (same wamid twice, even batched): one login, one reply', async () => {
    const s = await startLogin(p.server, { loginId: '+16505551004' });
    const delivery = cloudMessage(p.server, '16505551004', { text: s.text }, { wamid: newWamid() });
    expect((await postCloudWebhook(p.server, delivery)).status).toBe(200);
    expect((await postCloudWebhook(p.server, delivery)).status).toBe(200);
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
    await receivedRequests(p.fake, 1);
    await p.server.deps.replies.drain(2_000);
    expect(graphSends(p.fake)).toHaveLength(1);
  });

  it('a code that matches no login gets no reply (replies cost money)', async () => {
    const res = await postCloudWebhook(
      p.server,
      cloudMessage(p.server, '16505551005', { text: 'Log in to notp dev code 0123456789ABCDEF' }),
    );
    expect(res.status).toBe(200);
    await p.server.deps.replies.drain(2_000);
    expect(p.fake.requests).toHaveLength(0);
  });
});

describe('cloud-api mode: templates and locale', () => {
  it.each([
    {
      name: 'Accept-Language es-MX (no locale option)',
      body: { loginId: '+16505551010' },
      headers: { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' },
      prefilled: /^Iniciar sesión en notp dev código [0-9A-Z]{16}$/,
      reply: '✅ ¡Bienvenido a notp dev! Tu cuenta está lista; vuelve a la app para continuar.',
    },
    {
      name: 'loginOptions.locale pt-BR wins over Accept-Language',
      body: { loginId: '+16505551011', loginOptions: { locale: 'pt-BR' } },
      headers: { 'accept-language': 'es' },
      prefilled: /^Entrar em notp dev código [0-9A-Z]{16}$/,
      reply: '✅ Bem-vindo ao notp dev! Sua conta está pronta; volte ao app para continuar.',
    },
    {
      name: 'templateId product + templateOptions, Hindi',
      body: {
        loginId: '+16505551012',
        loginOptions: { locale: 'hi', templateId: 'product', templateOptions: { greeting: 'नमस्ते', product: 'Pro' } },
      },
      headers: {},
      prefilled: /^नमस्ते notp dev के Pro में लॉग इन करें कोड [0-9A-Z]{16}$/,
      reply: '✅ notp dev में आपका स्वागत है! आपका खाता तैयार है; आगे बढ़ने के लिए ऐप पर वापस जाएँ।',
    },
    {
      name: 'Arabic from a weighted Accept-Language (fr unsupported, ar preferred over en)',
      body: { loginId: '+16505551013', loginOptions: { templateId: 'verify-phone' } },
      headers: { 'accept-language': 'fr-FR, ar;q=0.8, en;q=0.3' },
      prefilled: /^تأكيد رقمي في notp dev الرمز [0-9A-Z]{16}$/,
      reply: '✅ مرحبًا بك في notp dev! حسابك جاهز؛ عد إلى التطبيق للمتابعة.',
    },
    {
      name: 'English template with a greeting variable (accents dropped, ASCII link)',
      body: { loginId: '+16505551014', loginOptions: { templateOptions: { greeting: 'Olá José,' } } },
      headers: { 'accept-language': 'de' },
      prefilled: /^Ola Jose, Log in to notp dev code [0-9A-Z]{16}$/,
      reply: '✅ Welcome to notp dev! Your account is ready; go back to the app to continue.',
    },
  ])('$name', async ({ body, headers, prefilled, reply }) => {
    const s = await startLogin(p.server, body, { headers: headers as Record<string, string> });
    expect(s.text).toMatch(prefilled);
    const from = (body.loginId as string).slice(1);
    expect((await postCloudWebhook(p.server, cloudMessage(p.server, from, { text: s.text }))).status).toBe(200);
    await receivedRequests(p.fake, 1);
    const sends = graphSends(p.fake);
    expect(sends).toHaveLength(1);
    expect(textOf(sends[0] as { json: Json })).toBe(reply);
  });
});

describe('cloud-api mode: Graph errors', () => {
  it('429 (with Retry-After) then 500 then success: retried with backoff until sent', async () => {
    p.fake.script.push(
      {
        status: 429,
        headers: { 'retry-after': '0' },
        body: {
          error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'A1' },
        },
      },
      { status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1 } } },
    );
    const s = await startLogin(p.server, { loginId: '+16505551020' });
    expect((await postCloudWebhook(p.server, cloudMessage(p.server, '16505551020', { text: s.text }))).status).toBe(
      200,
    );
    // The login completed at once: the webhook's 200 never waited for Graph.
    expect((await pollSession(p.server, s.pendingRef)).status).toBe(200);
    await receivedRequests(p.fake, 3, 10_000);
    const sends = graphSends(p.fake);
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((x) => x.body)).size).toBe(1); // the same message each time
  });

  it('code 4 (app rate limit) with a 400 is retried; 131026 (undeliverable) is not', async () => {
    p.fake.script.push(
      { status: 400, body: { error: { message: '(#4) Application request limit reached', code: 4 } } },
      { status: 400, body: { error: { message: 'Message undeliverable', code: 131026, error_subcode: 2494010 } } },
    );
    const s = await startLogin(p.server, { loginId: '+16505551021' });
    await postCloudWebhook(p.server, cloudMessage(p.server, '16505551021', { text: s.text }));
    await receivedRequests(p.fake, 2, 10_000);
    await p.server.deps.replies.drain(5_000);
    expect(graphSends(p.fake)).toHaveLength(2);
  });

  it('a wrong access token is refused by Graph (the fake checks the bearer) and not retried', async () => {
    // Send straight through the configured sender with a wrong token to prove the fake really checks it.
    const { CloudApiSender } = await import('../../src/whatsapp/cloud-api/CloudApiSender.js');
    const wrong = new CloudApiSender({
      graphUrl: `${p.fake.url}/v24.0`,
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: 'expired',
    });
    await expect(wrong.send({ to: '16505551022', text: 'x' })).rejects.toMatchObject({
      status: 401,
      providerCode: 190,
      retryable: false,
    });
  });
});

describe('cloud-api mode: wa_id quirks end to end', () => {
  it.each([
    ['Brazil: 12-digit wa_id, 13-digit login id', '+5511987654321', '551187654321'],
    ['Mexico: 521 wa_id, +52 login id', '+525512345678', '5215512345678'],
    ['Argentina: 549 wa_id, +54 9 login id', '+5491123456789', '5491123456789'],
  ])('%s: the login completes and the reply goes to the wa_id as received', async (_name, loginId, waId) => {
    const s = await startLogin(p.server, { loginId });
    expect((await postCloudWebhook(p.server, cloudMessage(p.server, waId, { text: s.text }))).status).toBe(200);
    const session = await eventually(async () => {
      const r = await pollSession(p.server, s.pendingRef);
      return r.status === 200 ? r : undefined;
    });
    expect((session.body['user'] as Json)['loginIds']).toEqual([loginId]);
    await receivedRequests(p.fake, 1);
    expect(graphSends(p.fake)[0]?.json['to']).toBe(waId);
  });

  it('a different number (not a quirk variant) fails the login with the sender-mismatch error', async () => {
    const s = await startLogin(p.server, { loginId: '+5511987654321' });
    await postCloudWebhook(p.server, cloudMessage(p.server, '551187654322', { text: s.text }));
    const r = await pollSession(p.server, s.pendingRef);
    expect(r.status).toBe(403);
    expect(r.body['errorCode']).toBe('E902004');
  });
});
