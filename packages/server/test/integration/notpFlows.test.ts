// Integration: the real server over HTTP — nOTP flows through the simulator and through hand-signed Cloud API
// deliveries (as Meta sends them), expiry, single use, wrong sender, signatures, duplicates, restart mid-login.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudApiAppSecret } from '../../src/whatsapp/createWhatsApp.js';
import { cloudApiDelivery, cloudApiSignature } from '../cloudApiDelivery.js';
import { type ManualClock, manualClock, messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

interface Json {
  [k: string]: unknown;
}

function api(server: TestServer) {
  return async (path: string, body: unknown, token?: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectId}${token ? `:${token}` : ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
}

/** A Cloud API delivery of one text message, built from WHATSAPP.md's format (not from our simulator's code). */
function cloudDelivery(
  server: TestServer,
  fromWaId: string,
  text: string,
  wamid = `wamid.${randomBytes(12).toString('hex')}`,
) {
  const { config } = server.deps;
  const raw = cloudApiDelivery({
    displayPhoneNumber: config.whatsappNumber.slice(1),
    phoneNumberId: config.cloudApi.phoneNumberId,
    fromWaId,
    userId: 'US.13491208655302741918',
    text,
    wamid,
    timestampSec: Math.floor(server.deps.clock.now() / 1000),
    profileName: 'Test User',
    entryId: '123456789',
  });
  const signature = cloudApiSignature(raw, cloudApiAppSecret(config, server.deps.masterKey));
  return { raw, signature, wamid };
}

async function deliver(server: TestServer, raw: Buffer, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST', headers, body: new Uint8Array(raw) });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('nOTP over HTTP on the real server', () => {
  let server: TestServer;
  let clock: ManualClock;
  let post: ReturnType<typeof api>;

  beforeAll(async () => {
    clock = manualClock();
    server = await startTestServer({}, { clock });
    post = api(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sign-up → message → pending-session issues tokens exactly once', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup', { loginId: '+16505553001', user: { name: 'Grace' } });
    expect(start.status).toBe(200);
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    const pending = await post('/v1/auth/notp/pending-session', { pendingRef });
    expect(pending).toMatchObject({ status: 401, body: { errorCode: 'E066103' } });

    expect((await server.sendWhatsApp('+16505553001', messageOf(redirectUrl))).status).toBe(200);
    const first = await post('/v1/auth/notp/pending-session', { pendingRef });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ firstSeen: true, user: { name: 'Grace', phone: '+16505553001' } });
    const second = await post('/v1/auth/notp/pending-session', { pendingRef });
    expect(second).toMatchObject({ status: 410, body: { errorCode: 'E902003' } });

    const replies = await server.repliesTo('+16505553001');
    expect(replies).toHaveLength(1);
  });

  it('sign-up for a taken login id fails at start with E062107; sign-in for an unknown one with E062108', async () => {
    expect(await post('/v1/auth/notp/whatsapp/signup', { loginId: '+16505553001' })).toMatchObject({
      status: 409,
      body: { errorCode: 'E062107' },
    });
    expect(await post('/v1/auth/notp/whatsapp/signin', { loginId: '+16505553999' })).toMatchObject({
      status: 404,
      body: { errorCode: 'E062108' },
    });
  });

  it('a pending login expires: the message is refused and the poll says expired', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553002' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    clock.advance(601_000); // default TTL is 600 s
    expect((await server.sendWhatsApp('+16505553002', messageOf(redirectUrl))).status).toBe(200);
    expect(await post('/v1/auth/notp/pending-session', { pendingRef })).toMatchObject({
      status: 410,
      body: { errorCode: 'E902002' },
    });
    const replies = await server.repliesTo('+16505553002');
    expect(replies.at(-1)?.text).toMatch(/expired/i);
  });

  it('a message from another phone fails the login (terminal) and tells the sender why', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553003' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    await server.sendWhatsApp('+16505553004', messageOf(redirectUrl));
    expect(await post('/v1/auth/notp/pending-session', { pendingRef })).toMatchObject({
      status: 403,
      body: { errorCode: 'E902004' },
    });
    expect(await server.repliesTo('+16505553004')).toHaveLength(1);
    // The right phone cannot rescue a failed login: it stays failed.
    await server.sendWhatsApp('+16505553003', messageOf(redirectUrl));
    expect((await post('/v1/auth/notp/pending-session', { pendingRef })).body.errorCode).toBe('E902004');
  });

  it('webhook signatures: missing or wrong → 401 E903001 and nothing changes; handshake needs the verify token', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553005' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    const { raw } = cloudDelivery(server, '16505553005', messageOf(redirectUrl));
    expect(await deliver(server, raw)).toMatchObject({ status: 401, body: { errorCode: 'E903001' } });
    expect(await deliver(server, raw, `sha256=${'0'.repeat(64)}`)).toMatchObject({
      status: 401,
      body: { errorCode: 'E903001' },
    });
    expect(await deliver(server, Buffer.from('{not json'), 'sha256=abc')).toMatchObject({ status: 401 });
    expect((await post('/v1/auth/notp/pending-session', { pendingRef })).body.errorCode).toBe('E066103');

    const hs = await fetch(
      `${server.url}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=123&hub.verify_token=wrong`,
    );
    expect(hs.status).toBe(403);
    expect(((await hs.json()) as Json).errorCode).toBe('E903002');
  });

  it('a duplicate delivery (same wamid) verifies once and replies once', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553006' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    const d = cloudDelivery(server, '16505553006', messageOf(redirectUrl));
    const [a, b] = await Promise.all([deliver(server, d.raw, d.signature), deliver(server, d.raw, d.signature)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await deliver(server, d.raw, d.signature)).toMatchObject({ status: 200 });
    expect((await post('/v1/auth/notp/pending-session', { pendingRef })).status).toBe(200);
    await server.deps.replies.drain(2_000);
    expect(await server.repliesTo('+16505553006')).toHaveLength(1);
  });

  it('statuses and unknown message types are acknowledged with 200 and change nothing', async () => {
    const raw = Buffer.from(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          { id: '1', changes: [{ field: 'messages', value: { statuses: [{ id: 'wamid.x', status: 'read' }] } }] },
        ],
      }),
    );
    const secret = cloudApiAppSecret(server.deps.config, server.deps.masterKey);
    const sig = cloudApiSignature(raw, secret);
    expect((await deliver(server, raw, sig)).status).toBe(200);
  });

  it('a junk message (no live code) gets no reply', async () => {
    const d = cloudDelivery(server, '16505553007', 'hello, is this the bakery? code ZZZZZZZZZZZZZZZZ');
    expect((await deliver(server, d.raw, d.signature)).status).toBe(200);
    await server.deps.replies.drain(2_000);
    expect(await server.repliesTo('+16505553007')).toHaveLength(0);
  });

  it('long-poll (Prefer: wait) answers as soon as the message arrives', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553008' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    const held = fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json', prefer: 'wait=20' },
      body: JSON.stringify({ pendingRef }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const sentAt = performance.now();
    await server.sendWhatsApp('+16505553008', messageOf(redirectUrl));
    const res = await held;
    const ms = performance.now() - sentAt;
    expect(res.status).toBe(200);
    expect(res.headers.get('preference-applied')).toBe('wait=20');
    expect(ms).toBeLessThan(5_000); // far below the 20 s hold: it was woken, not timed out
  });

  it('a pending login survives a server restart', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '+16505553009' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    await server.restart();
    expect((await server.sendWhatsApp('+16505553009', messageOf(redirectUrl))).status).toBe(200);
    await server.restart();
    const done = await post('/v1/auth/notp/pending-session', { pendingRef });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ user: { loginIds: ['+16505553009'] } });
  });

  it('pendingRef and the message code are different secrets, and the link never carries the ref', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup-in', { loginId: '' });
    const { pendingRef, redirectUrl } = start.body as { pendingRef: string; redirectUrl: string };
    expect(redirectUrl).not.toContain(pendingRef);
    expect(messageOf(redirectUrl)).not.toContain(pendingRef);
    expect(Buffer.from(pendingRef, 'base64url').length).toBeGreaterThanOrEqual(16);
    // The message text must not work as a pendingRef.
    const code = /([0-9A-Z]{16})\s*$/.exec(messageOf(redirectUrl))?.[1] ?? '';
    expect(code).not.toBe('');
    expect((await post('/v1/auth/notp/pending-session', { pendingRef: code })).status).toBe(404);
  });

  it('update phone: authorised by the refresh JWT, confirmed from the new number', async () => {
    const start = await post('/v1/auth/notp/whatsapp/signup', {
      loginId: 'lin@example.com',
      user: { phone: '+16505553010' },
    });
    const s1 = start.body as { pendingRef: string; redirectUrl: string };
    await server.sendWhatsApp('+16505553010', messageOf(s1.redirectUrl));
    const session = (await post('/v1/auth/notp/pending-session', { pendingRef: s1.pendingRef })).body as {
      refreshJwt: string;
    };
    expect(
      await post('/v1/auth/notp/whatsapp/update', { loginId: 'lin@example.com', phone: '+16505553011' }),
    ).toMatchObject({
      status: 401,
    });
    const up = await post(
      '/v1/auth/notp/whatsapp/update',
      { loginId: 'lin@example.com', phone: '+16505553011' },
      session.refreshJwt,
    );
    expect(up.status).toBe(200);
    const s2 = up.body as { pendingRef: string; redirectUrl: string };
    await server.sendWhatsApp('+16505553011', messageOf(s2.redirectUrl));
    const done = await post('/v1/auth/notp/pending-session', { pendingRef: s2.pendingRef });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      user: { phone: '+16505553011', verifiedPhone: true, loginIds: ['lin@example.com'] },
    });
  });
});
