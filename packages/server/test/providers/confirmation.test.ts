// Confirmation against login phishing, end to end: cloud-api mode (Graph fake) and simulator mode (chat routes).
import { routes } from '@notp/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, type ManualClock, manualClock, startTestServer, type TestServer } from '@notp/test-utils/server';
import {
  cloudMessage,
  graphSends,
  graphText,
  type Json,
  newWamid,
  pollSession,
  postCloudWebhook,
  type ProviderServer,
  receivedRequests,
  startCloudApiServer,
  startLogin,
} from './providerKit.js';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface ButtonsSend {
  body: string;
  buttons: { id: string; title: string }[];
  contextId: string;
}

/** The interactive buttons message Graph received (the last send). */
function lastButtons(p: ProviderServer): ButtonsSend {
  const send = graphSends(p.fake).at(-1);
  if (!send) throw new Error('nothing sent to Graph');
  expect(send.json['type']).toBe('interactive');
  const interactive = send.json['interactive'] as {
    type: string;
    body: { text: string };
    action: { buttons: { type: string; reply: { id: string; title: string } }[] };
  };
  expect(interactive.type).toBe('button');
  return {
    body: interactive.body.text,
    buttons: interactive.action.buttons.map((b) => b.reply),
    contextId: (send.json['context'] as { message_id: string }).message_id,
  };
}

describe('confirmation on, cloud-api mode', () => {
  let p: ProviderServer;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = manualClock();
    p = await startCloudApiServer({ NOTP_CONFIRMATION: 'on' }, { clock });
  });
  afterAll(() => p.close());
  beforeEach(() => {
    p.fake.requests.length = 0;
    p.fake.script.length = 0;
  });

  /** Start, send the code, and wait for the buttons (Graph gives our buttons message the id `buttonsWamid`). */
  async function untilButtons(loginId: string, from: string, opts: { locale?: string } = {}) {
    const s = await startLogin(
      p.server,
      { loginId, ...(opts.locale ? { loginOptions: { locale: opts.locale } } : {}) },
      { headers: { 'user-agent': CHROME_ON_WINDOWS } },
    );
    const buttonsWamid = newWamid();
    p.fake.script.push({ status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: buttonsWamid }] } });
    const codeWamid = newWamid();
    clock.advance(90_000); // the code arrives 1.5 min after the start
    expect(
      (await postCloudWebhook(p.server, cloudMessage(p.server, from, { text: s.text }, { wamid: codeWamid }))).status,
    ).toBe(200);
    await receivedRequests(p.fake, 1);
    const buttons = lastButtons(p);
    expect(buttons.contextId).toBe(codeWamid);
    const [yes, no] = buttons.buttons;
    if (!yes || !no) throw new Error('two buttons expected');
    const pendingId = yes.id.split(':')[2] ?? '';
    // The buttons message's id is recorded once Graph answered: only then can an answer be checked against it.
    await eventually(
      async () => (await p.server.deps.store.pendingAuths.get(pendingId))?.confirmMessageId ?? undefined,
    );
    return { ...s, yes, no, buttonsWamid, body: buttons.body, pendingId };
  }

  const tap = (from: string, buttonId: string, contextId?: string) =>
    postCloudWebhook(
      p.server,
      cloudMessage(p.server, from, contextId ? { buttonId, contextId } : { buttonId }, { wamid: newWamid() }),
    );

  it('the code asks instead of verifying: buttons naming the app, the browser/OS and the start time', async () => {
    const c = await untilButtons('+16505552001', '16505552001');
    expect(c.yes.title).toBe("Yes, it's me");
    expect(c.no.title).toBe("No, it wasn't me");
    expect(c.yes.id).toMatch(/^notp:yes:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(c.no.id.split(':').slice(2)).toEqual(c.yes.id.split(':').slice(2));
    expect(c.body).toContain('notp dev');
    expect(c.body).toContain('Chrome on Windows');
    expect(c.body).toMatch(/UTC \(\d+ minutes? ago\)/);
    const rec = await p.server.deps.store.pendingAuths.get(c.pendingId);
    expect(rec?.status).toBe('awaiting-confirmation');
    // Only the nonce's hash is stored.
    expect(rec?.confirmNonceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rec?.confirmNonceHash).not.toContain(c.yes.id.split(':')[3]);
    expect(rec?.confirmMessageId).toBe(c.buttonsWamid);
    const poll = await pollSession(p.server, c.pendingRef);
    expect(poll.status).toBe(401);
    expect(poll.body['errorCode']).toBe('E066103');
  });

  it('"Yes" from the same phone in context verifies; forged, out-of-context and repeated taps do nothing', async () => {
    const c = await untilButtons('+16505552002', '16505552002');
    p.fake.requests.length = 0;
    // Not in context of our buttons message, from another phone, with a wrong nonce: ignored, no reply.
    await tap('16505552002', c.yes.id, newWamid());
    await tap('16505552002', c.yes.id);
    await tap('16505559999', c.yes.id, c.buttonsWamid);
    const forged = c.yes.id.replace(/:[^:]+$/, ':AAAAAAAAAAAAAAAAAAAAAA');
    await tap('16505552002', forged, c.buttonsWamid);
    expect((await pollSession(p.server, c.pendingRef)).body['errorCode']).toBe('E066103');

    expect((await tap('16505552002', c.yes.id, c.buttonsWamid)).status).toBe(200);
    const session = await pollSession(p.server, c.pendingRef);
    expect(session.status).toBe(200);
    expect((session.body['user'] as Json)['phone']).toBe('+16505552002');
    // A second tap on the decided login gets no second message.
    await tap('16505552002', c.yes.id, c.buttonsWamid);
    await p.server.deps.replies.drain(2_000);
    const sends = graphSends(p.fake);
    expect(sends).toHaveLength(1);
    expect(graphText(p.fake, 0)).toContain('Welcome to notp dev');
  });

  it('"No" fails the login with loginDeclined (the waiting app learns it) and tells the user, in their locale', async () => {
    const c = await untilButtons('+16505552003', '16505552003', { locale: 'es' });
    expect(c.yes.title).toBe('Sí, soy yo');
    expect(c.body).toContain('Chrome en Windows');
    p.fake.requests.length = 0;
    expect((await tap('16505552003', c.no.id, c.buttonsWamid)).status).toBe(200);
    const poll = await pollSession(p.server, c.pendingRef);
    expect(poll.status).toBe(403);
    expect(poll.body['errorCode']).toBe('E902005');
    await receivedRequests(p.fake, 1);
    expect(graphText(p.fake, 0)).toMatch(/^🛑 De acuerdo, se canceló/);
    // "Yes" after "No" changes nothing.
    await tap('16505552003', c.yes.id, c.buttonsWamid);
    expect((await pollSession(p.server, c.pendingRef)).body['errorCode']).toBe('E902005');
  });

  it('a tap after the login expired is answered once with "expired" and verifies nothing', async () => {
    const c = await untilButtons('+16505552004', '16505552004');
    p.fake.requests.length = 0;
    clock.advance(11 * 60_000); // past the 10 min TTL
    expect((await tap('16505552004', c.yes.id, c.buttonsWamid)).status).toBe(200);
    await receivedRequests(p.fake, 1);
    expect(graphText(p.fake, 0)).toMatch(/has expired/);
    expect((await p.server.deps.store.pendingAuths.get(c.pendingId))?.status).toBe('awaiting-confirmation');
  });

  it('the same code sent from a second phone while waiting stops the login (the code was relayed)', async () => {
    const c = await untilButtons('', '16505552005');
    await postCloudWebhook(p.server, cloudMessage(p.server, '16505552006', { text: c.text }));
    expect((await pollSession(p.server, c.pendingRef)).body['errorCode']).toBe('E902004');
    await tap('16505552005', c.yes.id, c.buttonsWamid);
    expect((await pollSession(p.server, c.pendingRef)).body['errorCode']).toBe('E902004');
  });
});

describe('confirmation on, simulator mode (NOTP_CONFIRMATION=on)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_CONFIRMATION: 'on' });
  });
  afterAll(() => server.close());

  async function inbox(phone: string) {
    const res = await fetch(`${server.url}${routes.simulator.messages}?to=${encodeURIComponent(phone)}`);
    return ((await res.json()) as { messages: { text: string; buttons?: { id: string; title: string }[] }[] }).messages;
  }
  const press = (from: string, buttonId: string) =>
    fetch(`${server.url}${routes.simulator.messages}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, buttonId }),
    });

  it.each([
    ['Yes', 0, 200, undefined],
    ['No', 1, 403, 'E902005'],
  ])('"%s" through the chat routes', async (_answer, index, status, errorCode) => {
    const phone = index === 0 ? '+16505553001' : '+16505553002';
    const s = await startLogin(server, { loginId: phone });
    expect((await server.sendWhatsApp(phone, s.text)).status).toBe(200);
    const prompt = await eventually(async () => (await inbox(phone)).find((m) => m.buttons));
    expect(prompt.text).toContain('notp dev');
    expect(prompt.buttons?.map((b) => b.title)).toEqual(["Yes, it's me", "No, it wasn't me"]);
    expect((await pollSession(server, s.pendingRef)).body['errorCode']).toBe('E066103');
    const button = prompt.buttons?.[index];
    if (!button) throw new Error('button missing');
    expect((await press(phone, button.id)).status).toBe(200);
    const poll = await pollSession(server, s.pendingRef);
    expect(poll.status).toBe(status);
    expect(poll.body['errorCode']).toBe(errorCode);
    const answer = await eventually(async () => (await inbox(phone)).find((m) => !m.buttons));
    expect(answer.text).toMatch(index === 0 ? /Welcome to notp dev/ : /login was cancelled/);
  });
});
