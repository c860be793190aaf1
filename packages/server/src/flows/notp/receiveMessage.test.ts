// receiveMessage against the real SQLite store: every guard line, what it stores, what (if anything) it replies.
import { errors } from '@notp/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingAuthRecord } from '../../store/ports.js';
import { SimulatorSender } from '../../whatsapp/simulator/SimulatorSender.js';
import { hashPendingRef } from './pendingRef.js';
import { receiveMessage } from './receiveMessage.js';
import { type StartInput, startLogin } from './startLogin.js';
import { type FlowTestKit, inbound, makeFlowDeps, prefilledTextOf } from './testing/makeFlowDeps.js';

let kit: FlowTestKit;
beforeEach(async () => {
  kit = await makeFlowDeps();
});
afterEach(() => kit.close());

async function start(input: Partial<StartInput> & Pick<StartInput, 'kind'>) {
  const res = await startLogin(kit.deps, kit.project, { loginId: '', ...input });
  return { ...res, text: prefilledTextOf(res.redirectUrl) };
}
async function pendingOf(pendingRef: string): Promise<PendingAuthRecord> {
  const rec = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(pendingRef));
  if (!rec) throw new Error('pending auth missing');
  return rec;
}
async function repliesTo(waId: string): Promise<string[]> {
  await kit.deps.replies.drain(2000);
  return kit.inbox.list(waId).map((r) => r.text);
}

describe('receiveMessage', () => {
  it('sign-up with an empty loginId: creates the user from the sender, verifies, replies signed-up', async () => {
    const s = await start({ kind: 'signup', user: { name: 'Joe Person', email: 'Joe@Example.com' } });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text, { bsuid: 'US.123abc' }));
    const rec = await pendingOf(s.pendingRef);
    expect(rec.status).toBe('verified');
    expect(rec.firstSeen).toBe(true);
    expect(rec.senderPhone).toBe('+16505551234');
    const user = await kit.deps.store.users.get(kit.project.projectId, rec.resultUserId ?? '');
    expect(user).toMatchObject({
      loginIds: ['+16505551234'],
      phone: '+16505551234',
      verifiedPhone: true,
      name: 'Joe Person',
      email: 'joe@example.com',
      waId: '16505551234',
      waBsuid: 'US.123abc',
      status: 'enabled',
    });
    expect(user?.userId).toMatch(/^U[A-Za-z0-9]{27}$/);
    const replies = await repliesTo('16505551234');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Acme');
  });

  it('publishes on the pending channel when it verifies', async () => {
    const s = await start({ kind: 'signup' });
    const rec = await pendingOf(s.pendingRef);
    const heard: string[] = [];
    kit.deps.events.subscribe(`notp:pending:${rec.id}`, (m) => heard.push(m));
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect(heard).toHaveLength(1);
  });

  it('a duplicate delivery changes nothing and replies nothing more', async () => {
    const s = await start({ kind: 'signup' });
    const msg = inbound(kit, '16505551234', s.text);
    await receiveMessage(kit.deps, msg);
    await receiveMessage(kit.deps, msg);
    await receiveMessage(kit.deps, { ...msg });
    expect(await repliesTo('16505551234')).toHaveLength(1);
    const { total } = await kit.deps.store.users.search(kit.project.projectId, {});
    expect(total).toBe(1);
  });

  it('a second message with the same code (new message id) gets "already used" once', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const again = inbound(kit, '16505551234', s.text);
    await receiveMessage(kit.deps, again);
    await receiveMessage(kit.deps, again);
    const replies = await repliesTo('16505551234');
    expect(replies).toHaveLength(2);
    expect(replies[1]).not.toBe(replies[0]);
  });

  it('wrong sender: fails the login (terminal) and tells the sender; the right phone then cannot complete it', async () => {
    const s = await start({ kind: 'signup', loginId: '+16505551234' });
    await receiveMessage(kit.deps, inbound(kit, '16505559999', s.text));
    const rec = await pendingOf(s.pendingRef);
    expect(rec.status).toBe('failed');
    expect(rec.failureCode).toBe(errors.senderMismatch.code);
    expect(await repliesTo('16505559999')).toHaveLength(1);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect((await pendingOf(s.pendingRef)).status).toBe('failed');
    expect((await kit.deps.store.users.search(kit.project.projectId, {})).total).toBe(0);
  });

  it('a forwarded message fails the login like a wrong sender (phishing relay)', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text, { forwarded: true }));
    const rec = await pendingOf(s.pendingRef);
    expect(rec.status).toBe('failed');
    expect(rec.failureCode).toBe(errors.senderMismatch.code);
  });

  it('a withheld phone (BSUID only) fails the login clearly', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, null, s.text, { bsuid: 'US.999' }));
    const rec = await pendingOf(s.pendingRef);
    expect(rec.status).toBe('failed');
    expect(rec.failureCode).toBe(errors.phoneWithheld.code);
  });

  it('expired: replies "expired" once, leaves the login unverified, and stays silent on redelivery', async () => {
    const s = await start({ kind: 'signup' });
    kit.clock.advance(kit.project.settings.pendingTtlSec * 1000);
    const msg = inbound(kit, '16505551234', s.text);
    await receiveMessage(kit.deps, msg);
    await receiveMessage(kit.deps, msg);
    expect(await repliesTo('16505551234')).toHaveLength(1);
    expect((await pendingOf(s.pendingRef)).status).toBe('pending');
    expect((await kit.deps.store.users.search(kit.project.projectId, {})).total).toBe(0);
  });

  it('a message stamped long before the login started is treated as expired', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(
      kit.deps,
      inbound(kit, '16505551234', s.text, { timestamp: kit.clock.now() - 60 * 60 * 1000 }),
    );
    expect((await pendingOf(s.pendingRef)).status).toBe('pending');
  });

  it.each([
    ['no code', 'hello'],
    ['an unknown code', 'code K7Q2M9XD4HPZ8WBN'],
    ['two codes', 'K7Q2M9XD4HPZ8WBN A1B2C3D4E5F6G7H8'],
    ['an empty body', ''],
  ])('never replies to a message with %s, but records it', async (_name, text) => {
    const msg = inbound(kit, '16505551234', text);
    await receiveMessage(kit.deps, msg);
    expect(await repliesTo('16505551234')).toEqual([]);
    expect(await kit.deps.store.webhookMessages.record(msg.messageKey, kit.clock.now())).toBe(false);
  });

  it('sign-in with an empty loginId finds the user by the sender; an unknown sender fails with user-not-found', async () => {
    const first = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', first.text));
    const known = await start({ kind: 'signin' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', known.text));
    const rec = await pendingOf(known.pendingRef);
    expect(rec.status).toBe('verified');
    expect(rec.firstSeen).toBe(false);
    expect(rec.resultUserId).toBe((await pendingOf(first.pendingRef)).resultUserId);

    const unknown = await start({ kind: 'signin' });
    await receiveMessage(kit.deps, inbound(kit, '16505550000', unknown.text));
    const failed = await pendingOf(unknown.pendingRef);
    expect(failed.status).toBe('failed');
    expect(failed.failureCode).toBe(errors.userNotFound.code);
  });

  it('Mexico: a 521… wa_id matches the +52 loginId and the reply goes to the wa_id as received', async () => {
    const s = await start({ kind: 'signup', loginId: '+52 55 1234 5678' });
    await receiveMessage(kit.deps, inbound(kit, '5215512345678', s.text));
    expect((await pendingOf(s.pendingRef)).status).toBe('verified');
    expect(await repliesTo('5215512345678')).toHaveLength(1);
    expect(await repliesTo('525512345678')).toEqual([]);
  });

  it('sign-up whose login id was taken meanwhile fails with user-already-exists and writes no user', async () => {
    const a = await start({ kind: 'signup' });
    const b = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', a.text));
    await receiveMessage(kit.deps, inbound(kit, '16505551234', b.text));
    const rec = await pendingOf(b.pendingRef);
    expect(rec.status).toBe('failed');
    expect(rec.failureCode).toBe(errors.userAlreadyExists.code);
    expect((await kit.deps.store.users.search(kit.project.projectId, {})).total).toBe(1);
  });

  it('a user disabled after the start cannot complete sign-in', async () => {
    const first = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', first.text));
    const s = await start({ kind: 'signin', loginId: '+16505551234' });
    const userId = (await pendingOf(first.pendingRef)).resultUserId ?? '';
    const u = await kit.deps.store.users.get(kit.project.projectId, userId);
    if (!u) throw new Error('user missing');
    await kit.deps.store.users.update({ ...u, status: 'disabled' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const rec = await pendingOf(s.pendingRef);
    expect(rec.status).toBe('failed');
    expect(rec.failureCode).toBe(errors.userDisabled.code);
  });
});

describe('receiveMessage with confirmation on: the provider capability decides', () => {
  /** The simulator sender (replies still land in the inbox) declaring Twilio's capability: no reply buttons. */
  class NoButtonsSender extends SimulatorSender {
    override readonly capabilities = { buttons: false };
  }

  beforeEach(async () => {
    await kit.close();
    kit = await makeFlowDeps({ confirmation: true });
  });

  it('a provider with reply buttons asks "was this you?" and waits', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect((await pendingOf(s.pendingRef)).status).toBe('awaiting-confirmation');
    await kit.deps.replies.drain(2000);
    expect(kit.inbox.list('16505551234').map((r) => r.buttons?.length)).toEqual([2]);
  });

  it('a provider without reply buttons verifies in one message (no prompt nobody could answer)', async () => {
    kit.deps.whatsapp = { ...kit.deps.whatsapp, sender: new NoButtonsSender(kit.inbox) };
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect((await pendingOf(s.pendingRef)).status).toBe('verified');
    await kit.deps.replies.drain(2000);
    expect(kit.inbox.list('16505551234').map((r) => r.buttons)).toEqual([undefined]);
  });
});
