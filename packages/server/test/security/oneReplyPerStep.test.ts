// One reply per login step at most (issue 13, item 8): a used code re-sent 20 times (20 new messages) and an expired
// code re-sent 20 times each get a single "no longer live" answer — through the simulator, so the webhook path runs.
import { routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ManualClock,
  manualClock,
  messageOf,
  startTestServer,
  type TestServer,
} from '@notp/test-utils/server';
import { call } from './securityKit.js';

describe('a used or expired code re-sent many times', () => {
  let server: TestServer;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = manualClock();
    // The per-sender inbound limit (10 a minute) would hide the behaviour under test: lift it here.
    server = await startTestServer({ NOTP_RATE_LIMIT_INBOUND_PER_SENDER: '1000' }, { clock });
  });
  afterAll(() => server.close());

  const replies = async (phone: string, at_least: number) =>
    eventually(async () => {
      const got = await server.repliesTo(phone);
      return got.length >= at_least ? got : undefined;
    });

  it('a completed login: its reply, then one "already used" for 20 re-sends', async () => {
    const phone = '+16505550901';
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: phone } });
    const text = messageOf(String(started.body['redirectUrl']));
    expect((await server.sendWhatsApp(phone, text)).status).toBe(200);
    await replies(phone, 1);
    for (let i = 0; i < 20; i++) expect((await server.sendWhatsApp(phone, text)).status).toBe(200);
    // A later, unrelated login's reply proves the queue drained past the re-sends before we count.
    const other = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: phone } });
    await server.sendWhatsApp(phone, messageOf(String(other.body['redirectUrl'])));
    const got = await replies(phone, 3);
    expect(got).toHaveLength(3);
    expect(got[1]?.text).toMatch(/already used/);
  });

  it('an expired login: one "expired" for 20 sends', async () => {
    const phone = '+16505550902';
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: phone } });
    const text = messageOf(String(started.body['redirectUrl']));
    clock.advance(3_600_000); // past the 10-minute pending TTL
    for (let i = 0; i < 20; i++) expect((await server.sendWhatsApp(phone, text)).status).toBe(200);
    const other = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: phone } });
    await server.sendWhatsApp(phone, messageOf(String(other.body['redirectUrl'])));
    const got = await replies(phone, 2);
    expect(got).toHaveLength(2);
    expect(got[0]?.text).toMatch(/expired/i);
  });
});
