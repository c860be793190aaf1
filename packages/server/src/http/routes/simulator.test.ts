// Simulator routes over real deps: chat page (escaped, CSP), send through the real webhook, inbox, mode gating.
import { createHmac } from 'node:crypto';
import { errors } from '@notp/core';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPendingRef } from '../../flows/notp/pendingRef.js';
import { startLogin } from '../../flows/notp/startLogin.js';
import { prefilledTextOf } from '../../flows/notp/testing/makeFlowDeps.js';
import { eventually, messageOf, startTestServer } from '@notp/test-utils/server';
import { cloudApiAppSecret } from '../../whatsapp/createWhatsApp.js';
import { escapeHtml } from '../../whatsapp/simulator/chatPage.js';
import { type WebhookTestApp, webhookTestApp } from '../../whatsapp/testing/webhookTestApp.js';

let t: WebhookTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function current(): WebhookTestApp {
  if (!t) throw new Error('no test app');
  return t;
}
const send = (payload: Record<string, unknown>) =>
  current().app.inject({ method: 'POST', url: '/simulator/messages', payload });
const inboxOf = async (query: string) => {
  await current().deps.replies.drain(2000);
  return current().app.inject({ method: 'GET', url: `/simulator/messages?to=${query}` });
};

describe('GET /simulator/chat', () => {
  it('renders the chat page with the prefilled draft, phone field and Send button, everything escaped', async () => {
    t = await webhookTestApp();
    const evil = '</textarea><script>alert(1)</script><img src=x onerror=alert(2)> "\'`&';
    const res = await t.app.inject({ method: 'GET', url: `/simulator/chat?text=${encodeURIComponent(evil)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('WhatsApp simulator — business +16505550100');
    expect(html).toMatch(/<input type="tel"[^>]* name="from"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Send<\/button>/);
    expect(html).toContain(
      '<textarea id="text" name="text" rows="2">&#60;/textarea&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62; &#34;&#39;&#96;&#38;</textarea>',
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)="https?:/); // no external assets
  });

  it('gives each page its own nonce', async () => {
    t = await webhookTestApp();
    const a = await t.app.inject({ method: 'GET', url: '/simulator/chat' });
    const b = await t.app.inject({ method: 'GET', url: '/simulator/chat' });
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
  });
});

describe('POST /simulator/messages and GET /simulator/messages', () => {
  it('delivers a signed Cloud API message through the webhook: the login completes and the reply is listed', async () => {
    t = await webhookTestApp();
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '+1 650 555 1234' });
    const res = await send({ from: '+1 650 555 1234', text: prefilledTextOf(started.redirectUrl) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe(200);
    expect(body.messageId).toMatch(/^wamid\.[A-Za-z0-9+/=]{40}$/);
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect(pending?.status).toBe('verified');
    expect(pending?.senderWaId).toBe('16505551234');

    for (const query of [encodeURIComponent('+16505551234'), '+16505551234', '16505551234']) {
      const listed = await inboxOf(query);
      expect(listed.statusCode).toBe(200);
      const { messages } = listed.json() as { messages: { to: string; text: string; at: number }[] };
      expect(messages).toHaveLength(1);
      expect(messages[0]).toEqual({ to: '16505551234', text: expect.stringContaining('Acme'), at: expect.any(Number) });
    }
  });

  it('sends as WhatsApp would for a Mexican mobile (wa_id 521…) and lists replies by the E.164 number', async () => {
    t = await webhookTestApp();
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '' });
    await send({ from: '+52 55 1234 5678', text: prefilledTextOf(started.redirectUrl) });
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect([pending?.senderWaId, pending?.senderPhone]).toEqual(['5215512345678', '+525512345678']);
    const { messages } = (await inboxOf(encodeURIComponent('+525512345678'))).json() as { messages: { to: string }[] };
    expect(messages.map((m) => m.to)).toEqual(['5215512345678']);
  });

  it('a user with a withheld phone: the login fails with phoneWithheld, the BSUID is recorded', async () => {
    t = await webhookTestApp();
    const { kit, deps } = t;
    const started = await startLogin(deps, kit.project, { kind: 'signup-in', loginId: '' });
    const res = await send({ from: '+16505551234', text: prefilledTextOf(started.redirectUrl), withholdPhone: true });
    expect(res.json().status).toBe(200);
    const pending = await deps.store.pendingAuths.getByRefHash(hashPendingRef(started.pendingRef));
    expect([pending?.status, pending?.failureCode, pending?.senderWaId]).toEqual([
      'failed',
      errors.phoneWithheld.code,
      null,
    ]);
    expect(pending?.senderBsuid).toMatch(/^US\.[0-9]{20}$/);
  });

  it('a message that matches no login gets no reply (and still a 200 from the webhook)', async () => {
    t = await webhookTestApp();
    const res = await send({ from: '+16505551234', text: 'hello there' });
    expect(res.json().status).toBe(200);
    expect((await inboxOf('%2B16505551234')).json()).toEqual({ messages: [] });
  });

  it('a button tap goes out as an interactive reply in the context of the message that carried it', async () => {
    t = await webhookTestApp();
    await t.deps.whatsapp.sender.send({
      to: '16505551234',
      text: 'Is it you?',
      buttons: [{ id: 'c:yes:n', title: 'Yes' }],
    });
    const res = await send({ from: '+16505551234', buttonId: 'c:yes:n' });
    expect(res.json().status).toBe(200);
    // The delivery was recorded by the flow under its message key, so it passed signature and parsing.
    const { messageId } = res.json() as { messageId: string };
    expect(await t.deps.store.webhookMessages.record(`cloud-api:${messageId}`, Date.now())).toBe(false);
    const listed = (await inboxOf('16505551234')).json();
    expect(listed.messages[0].buttons).toEqual([{ id: 'c:yes:n', title: 'Yes' }]);
  });

  it.each([
    ['a non-phone from', { from: 'joe@example.com', text: 'x' }, 400, errors.invalidRequest.code],
    ['a national-format from', { from: '6505551234', text: 'x' }, 400, errors.invalidRequest.code],
    ['no from', { text: 'x' }, 400, errors.missingArguments.code],
    ['neither text nor buttonId', { from: '+16505551234' }, 400, errors.missingArguments.code],
    ['a numeric text', { from: '+16505551234', text: 5 }, 400, errors.badRequest.code],
  ])('rejects %s', async (_name, payload, status, code) => {
    t = await webhookTestApp();
    const res = await send(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().errorCode).toBe(code);
  });

  it.each([['not-a-phone'], ['']])('GET with to=%j → 400', async (to) => {
    t = await webhookTestApp();
    const res = await t.app.inject({ method: 'GET', url: `/simulator/messages?to=${to}` });
    expect(res.statusCode).toBe(400);
  });
});

describe('outside simulator mode', () => {
  it.each([
    ['GET', '/simulator/chat?text=hi'],
    ['POST', '/simulator/messages'],
    ['GET', '/simulator/messages?to=%2B16505551234'],
  ] as const)('%s %s → JSON 404', async (method, url) => {
    t = await webhookTestApp({
      NOTP_WHATSAPP_PROVIDER: 'cloud-api',
      NOTP_CLOUD_API_APP_SECRET: 's',
      NOTP_CLOUD_API_VERIFY_TOKEN: 'v',
      NOTP_CLOUD_API_ACCESS_TOKEN: 'a',
      NOTP_CLOUD_API_PHONE_NUMBER_ID: '123',
      NOTP_WHATSAPP_NUMBER: '+16505550100',
    });
    const res = await t.app.inject({
      method,
      url,
      payload: method === 'POST' ? { from: '+16505551234', text: 'x' } : undefined,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errorCode).toBe(errors.routeNotFound.code);
  });
});

describe('end to end on a real server (harness): start → simulator chat → webhook → session', () => {
  it('the redirectUrl opens the chat page with the prefilled message; sending it completes the login', async () => {
    const server = await startTestServer();
    try {
      const auth = { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' };
      const start = await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ loginId: '+1 650 555 1234' }),
      });
      expect(start.status).toBe(200);
      const { pendingRef, redirectUrl } = (await start.json()) as { pendingRef: string; redirectUrl: string };
      expect(redirectUrl.startsWith(`${server.url}/simulator/chat?text=`)).toBe(true);
      expect(redirectUrl).not.toContain(pendingRef);

      const page = await fetch(redirectUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(escapeHtml(messageOf(redirectUrl)));

      const pendingBefore = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ pendingRef }),
      });
      expect((await pendingBefore.json()).errorCode).toBe(errors.notpPending.code);

      const sent = await server.sendWhatsApp('+16505551234', messageOf(redirectUrl));
      expect(sent.status).toBe(200);

      const session = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ pendingRef }),
      });
      expect(session.status).toBe(200);
      const body = (await session.json()) as { sessionJwt: string; user: { phone: string } };
      expect(body.sessionJwt.split('.')).toHaveLength(3);
      expect(body.user.phone).toBe('+16505551234');

      const replies = await eventually(async () => {
        const list = await server.repliesTo('+16505551234');
        return list.length > 0 ? list : undefined;
      });
      expect(replies).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('the derived simulator app secret survives a restart (deliveries signed before still verify)', async () => {
    const server = await startTestServer();
    try {
      const secretBefore = cloudApiAppSecret(server.deps.config, server.deps.masterKey);
      await server.restart();
      expect(cloudApiAppSecret(server.deps.config, server.deps.masterKey)).toBe(secretBefore);
      const body = '{"object":"whatsapp_business_account","entry":[]}';
      const res = await fetch(`${server.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', secretBefore).update(body).digest('hex')}`,
        },
        body,
      });
      expect([res.status, await res.json()]).toEqual([200, {}]);
    } finally {
      await server.close();
    }
  });
});
