// Bad-input suite: the server under test in one provider mode, a logged-in user, tokens to forge, a processed delivery.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { generateKeyPair, SignJWT } from 'jose';
import { expect } from 'vitest';
import { routes } from '@notp/core';
import { type ManualClock, manualClock, messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { cloudApiAppSecret } from '../../src/whatsapp/createWhatsApp.js';
import { twilioSignature } from '../../src/whatsapp/twilio/TwilioWebhook.js';
import { cloudApiDelivery, cloudApiSignature } from '../cloudApiDelivery.js';
import { loginWithWhatsApp } from '../security/securityKit.js';
import type { Fixture } from './inputs.js';

/**
 * SHA-256 over every row of every table, in a stable order. The one change bad input may make is the audit of a wrong
 * management key (issue 13: failed management authentications are audited), so those rows are left out.
 */
export function databaseChecksum(db: Database): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`\u0001${name}\u0001`);
    // Records of traffic, not data: failed management auth (audit), and the server-wide activity counters
    // (project '': webhook deliveries, which bad but signed deliveries add to, and the reply queue's sends and
    // retries, which tick on their own; src/activity/activityMetrics.ts). Per-project counters are still checked.
    const where =
      name === 'audit_events'
        ? ` WHERE type <> 'management-auth-failed'`
        : name === 'activity_counts'
          ? ` WHERE project_id <> ''`
          : '';
    for (const row of db.prepare(`SELECT * FROM "${name}"${where} ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}

export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export type Provider = 'simulator' | 'twilio';

export const TWILIO_ENV = {
  NOTP_WHATSAPP_PROVIDER: 'twilio',
  NOTP_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  NOTP_TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests',
  NOTP_WHATSAPP_NUMBER: '+16505550100',
};

/** Cloud API: the delivery Meta would send for one text message, signed with the app secret. */
export function cloudApiReplay(server: TestServer, now: number): Fixture['replay'] {
  const config = server.deps.config;
  const delivery = (body: string) =>
    cloudApiDelivery({
      displayPhoneNumber: config.whatsappNumber.slice(1),
      phoneNumberId: config.cloudApi.phoneNumberId,
      fromWaId: '16505550902',
      userId: 'US.1',
      text: body,
      wamid: 'wamid.replayed',
      timestampSec: Math.floor(now / 1000),
      profileName: 'R',
      messagingProduct: false,
    });
  const raw = delivery('hello');
  const sign = (bytes: Buffer) => cloudApiSignature(bytes, cloudApiAppSecret(config, server.deps.masterKey));
  const signature = sign(raw);
  return {
    url: routes.webhooks.whatsapp,
    contentType: 'application/json',
    raw,
    altered: delivery('hellO'),
    header: 'x-hub-signature-256',
    signature,
    sign,
    forgedSignatures: [
      ['missing signature', undefined],
      ['empty signature', ''],
      ['random signature', `sha256=${randomBytes(32).toString('hex')}`],
      ['one hex digit changed', signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))],
      ['truncated signature', signature.slice(0, -2)],
      ['signature with a suffix', `${signature}00`],
      ['sha1 scheme', `sha1=${createHmac('sha1', 'x').update(raw).digest('hex')}`],
      ['non-hex signature', `sha256=${'zz'.repeat(32)}`],
      ['signature of an empty body', sign(Buffer.alloc(0))],
    ],
  };
}

/** Twilio: the form Twilio would post for one WhatsApp message, signed over the public URL. */
export function twilioForm(server: TestServer, from: string, body: string, sid: string): Map<string, string[]> {
  return new Map([
    ['MessageSid', [sid]],
    ['From', [`whatsapp:${from}`]],
    ['To', [`whatsapp:${server.deps.config.whatsappNumber}`]],
    ['Body', [body]],
    ['WaId', [from.slice(1)]],
  ]);
}

export function twilioReplay(server: TestServer, fields: Map<string, string[]>): Fixture['replay'] {
  const url = `${server.deps.config.publicUrl}${routes.webhooks.twilio}`;
  const token = TWILIO_ENV.NOTP_TWILIO_AUTH_TOKEN;
  const encode = (f: Map<string, string[]>) =>
    Buffer.from(new URLSearchParams([...f].flatMap(([k, vs]) => vs.map((v) => [k, v]))).toString());
  const signature = twilioSignature(token, url, fields).toString('base64');
  const altered = new Map(fields);
  altered.set('Body', ['something else']);
  return {
    url: routes.webhooks.twilio,
    contentType: 'application/x-www-form-urlencoded',
    raw: encode(fields),
    altered: encode(altered),
    header: 'x-twilio-signature',
    signature,
    forgedSignatures: [
      ['missing signature', undefined],
      ['empty signature', ''],
      ['random signature', randomBytes(20).toString('base64')],
      ['one character changed', signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))],
      ['truncated signature', signature.slice(0, -4)],
      ['signature with a suffix', `${signature}AAAA`],
      [
        'signed over the Host URL, not the public URL',
        twilioSignature(token, `http://evil.example${routes.webhooks.twilio}`, fields).toString('base64'),
      ],
      ['signed with another token', twilioSignature('wrong-token', url, fields).toString('base64')],
    ],
  };
}

/** A login through the provider's real webhook (simulator page or a signed Twilio form), for genuine tokens. */
export async function loginThrough(server: TestServer, provider: Provider, phone: string) {
  if (provider === 'simulator') return { ...(await loginWithWhatsApp(server, phone)), replay: null };
  const started = await server.app.inject({
    method: 'POST',
    url: routes.notp.signUpOrIn,
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ loginId: phone }),
  });
  const { pendingRef, redirectUrl } = JSON.parse(started.body) as { pendingRef: string; redirectUrl: string };
  const fields = twilioForm(server, phone, messageOf(redirectUrl), `SM${randomBytes(16).toString('hex')}`);
  const replay = twilioReplay(server, fields);
  const delivered = await server.app.inject({
    method: 'POST',
    url: routes.webhooks.twilio,
    headers: { 'content-type': replay.contentType, [replay.header]: replay.signature },
    payload: replay.raw,
  });
  expect(delivered.statusCode).toBe(200);
  const session = await server.app.inject({
    method: 'POST',
    url: routes.notp.pendingSession,
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ pendingRef }),
  });
  expect(session.statusCode).toBe(200);
  const body = JSON.parse(session.body) as { sessionJwt: string; refreshJwt: string; user: { userId: string } };
  return { sessionJwt: body.sessionJwt, refreshJwt: body.refreshJwt, userId: body.user.userId, pendingRef, replay };
}

/** A server in `provider` mode, one genuine login, forged tokens and a processed delivery to replay. */
export async function prepare(
  provider: Provider,
): Promise<{ server: TestServer; clock: ManualClock; fixture: Fixture }> {
  const clock = manualClock();
  // Limits far out of reach: this suite checks input handling; the limits have their own suite.
  const server = await startTestServer(
    {
      NOTP_RATE_LIMIT_START_PER_IP: '1000000',
      NOTP_RATE_LIMIT_START_PER_LOGIN_ID: '1000000',
      NOTP_RATE_LIMIT_POLLS_PER_PENDING_REF: '1000000',
      NOTP_RATE_LIMIT_REFRESH_PER_TOKEN: '1000000',
      NOTP_RATE_LIMIT_MANAGEMENT_PER_KEY: '1000000',
      // Else the 11th wrong key would turn every later management case into a 429 (test/security/managementKeyGuessing.test.ts).
      NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP: '1000000',
      NOTP_RATE_LIMIT_INBOUND_PER_SENDER: '1000000',
      ...(provider === 'twilio' ? TWILIO_ENV : {}),
    },
    { clock },
  );
  const login = await loginThrough(server, provider, '+16505550901');
  const { projectId } = server;
  const claims = JSON.parse(Buffer.from(login.refreshJwt.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const header = JSON.parse(Buffer.from(login.refreshJwt.split('.')[0]!, 'base64url').toString()) as { kid: string };
  // Expired but genuinely signed: sign with a 1 s lifetime, then move the server's clock past it (and the 5 s leeway).
  const expired = await server.deps.tokens.sign(projectId, { sub: login.userId, drn: 'DSR', jti: claims['jti'] }, 1);
  clock.advance(60_000);
  const { privateKey } = await generateKeyPair('RS256');
  const wrongKey = (kid: string) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
  const parts = login.refreshJwt.split('.');
  const forged = [
    { name: 'garbage', token: 'not.a.jwt' },
    { name: 'empty segments', token: '..' },
    { name: 'alg none', token: `${b64url({ alg: 'none', kid: header.kid, typ: 'JWT' })}.${parts[1]}.` },
    { name: 'alg none, no kid', token: `${b64url({ alg: 'none', typ: 'JWT' })}.${parts[1]}.` },
    {
      name: 'HS256 with the public key as secret',
      token: `${b64url({ alg: 'HS256', kid: header.kid })}.${parts[1]}.${randomBytes(32).toString('base64url')}`,
    },
    { name: 'wrong key, real kid', token: await wrongKey(header.kid) },
    { name: 'wrong key, unknown kid', token: await wrongKey('kid-unknown') },
    {
      name: 'payload swapped (sub changed)',
      token: `${parts[0]}.${b64url({ ...claims, sub: 'Uattacker' })}.${parts[2]}`,
    },
    { name: 'signature stripped', token: `${parts[0]}.${parts[1]}.` },
    { name: 'expired', token: expired.jwt },
    { name: '8 KB token', token: `${parts[0]}.${'A'.repeat(8192)}.${parts[2]}` },
  ];
  let replay = login.replay;
  if (replay === null) {
    // One processed delivery, replayed later: same bytes, same signature, same wamid.
    replay = cloudApiReplay(server, clock.now());
    const first = await server.app.inject({
      method: 'POST',
      url: replay.url,
      headers: { 'content-type': replay.contentType, [replay.header]: replay.signature },
      payload: replay.raw,
    });
    expect(first.statusCode).toBe(200);
  }
  const fixture: Fixture = {
    projectId,
    mgmt: server.managementKey,
    refreshJwt: login.refreshJwt,
    sessionJwt: login.sessionJwt,
    forged,
    replay,
  };
  return { server, clock, fixture };
}
