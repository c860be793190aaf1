// Store conformance of `PendingAuthStore.verify` (store/pendingAuthPorts.ts): one message, one outcome, atomically.
import { expect, it } from 'vitest';
import {
  type ConformanceContext,
  T0,
  MIN,
  PROJECT,
  secretHash,
  user,
  pending,
  verification,
  race,
} from './fixtures.js';

/** Registers the `pendingAuths.verify` cases inside the caller's `describe('pendingAuths')`. */
export function registerPendingAuthVerify({ fresh }: ConformanceContext): void {
  it('pendingAuths.verify: ok sets status, sender, result and verifiedAt, and records the message key', async () => {
    const store = await fresh();
    const p = pending();
    await store.pendingAuths.create(p);
    const v = verification(p, {
      senderBsuid: 'US.1349',
      resultUserId: 'U2bbbbbbbbbbbbbbbbbbbbbbbbbbb',
      firstSeen: true,
    });
    expect(await store.pendingAuths.verify(v)).toBe('ok');
    expect(await store.pendingAuths.get(p.id)).toEqual({
      ...p,
      status: 'verified',
      senderPhone: '+16505551234',
      senderWaId: '16505551234',
      senderBsuid: 'US.1349',
      resultUserId: 'U2bbbbbbbbbbbbbbbbbbbbbbbbbbb',
      firstSeen: true,
      verifiedAt: v.now,
    });
    expect(await store.webhookMessages.record(v.messageKey, v.now)).toBe(false);
  });

  it('pendingAuths.verify: a duplicate message key returns duplicate-message and changes nothing', async () => {
    const store = await fresh();
    const p = pending();
    await store.pendingAuths.create(p);
    const key = 'cloud-api:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRCNUE';
    expect(await store.webhookMessages.record(key, T0)).toBe(true);
    const newcomer = user();
    const result = await store.pendingAuths.verify(
      verification(p, { messageKey: key, createUser: newcomer, resultUserId: newcomer.userId }),
    );
    expect(result).toBe('duplicate-message');
    expect(await store.pendingAuths.get(p.id)).toEqual(p);
    expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
  });

  it('pendingAuths.verify: the same message delivered twice verifies once', async () => {
    const store = await fresh();
    const p = pending();
    await store.pendingAuths.create(p);
    const v = verification(p);
    expect(await store.pendingAuths.verify(v)).toBe('ok');
    expect(await store.pendingAuths.verify({ ...v, now: v.now + 1000 })).toBe('duplicate-message');
    expect((await store.pendingAuths.get(p.id))?.verifiedAt).toBe(v.now);
  });

  it.each([
    ['expired (now past expiresAt)', { expiresAt: T0 + 30_000 }],
    ['expired (now exactly at expiresAt)', { expiresAt: T0 + MIN }],
    ['already verified', { status: 'verified' as const, verifiedAt: T0 }],
    ['failed', { status: 'failed' as const, failureCode: 'E900001' }],
    ['consumed', { status: 'consumed' as const, verifiedAt: T0, consumedAt: T0 }],
  ])('pendingAuths.verify: %s → not-pending, the pending auth unchanged', async (_name, state) => {
    const store = await fresh();
    const p = pending(state);
    await store.pendingAuths.create(p);
    const newcomer = user();
    expect(await store.pendingAuths.verify(verification(p, { now: T0 + MIN, createUser: newcomer }))).toBe(
      'not-pending',
    );
    expect(await store.pendingAuths.get(p.id)).toEqual(p);
    expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
  });

  it('pendingAuths.verify: an unknown pending id → not-pending', async () => {
    const store = await fresh();
    expect(await store.pendingAuths.verify(verification(pending()))).toBe('not-pending');
  });

  it('pendingAuths.verify: not-pending keeps the message key, so a redelivery is a duplicate', async () => {
    const store = await fresh();
    const p = pending({ expiresAt: T0 });
    await store.pendingAuths.create(p);
    const v = verification(p);
    expect(await store.pendingAuths.verify(v)).toBe('not-pending');
    expect(await store.pendingAuths.verify(v)).toBe('duplicate-message');
  });

  it('pendingAuths.verify: createUser inserts the user in the same transaction', async () => {
    const store = await fresh();
    const p = pending({ kind: 'signup' });
    await store.pendingAuths.create(p);
    const newcomer = user({ name: 'Ada Lovelace' });
    expect(
      await store.pendingAuths.verify(
        verification(p, { createUser: newcomer, resultUserId: newcomer.userId, firstSeen: true }),
      ),
    ).toBe('ok');
    expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toEqual(newcomer);
    expect((await store.pendingAuths.get(p.id))?.resultUserId).toBe(newcomer.userId);
  });

  it('pendingAuths.verify: a taken login id → login-id-taken and nothing written (not even the message key)', async () => {
    const store = await fresh();
    const existing = user();
    await store.users.create(existing);
    const p = pending({ kind: 'signup' });
    await store.pendingAuths.create(p);
    const newcomer = user({ loginIds: ['+16505551234'] });
    const v = verification(p, { createUser: newcomer, resultUserId: newcomer.userId, firstSeen: true });
    expect(await store.pendingAuths.verify(v)).toBe('login-id-taken');
    expect(await store.pendingAuths.get(p.id)).toEqual(p);
    expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
    // The caller can now record the failure under the same message key.
    expect(
      await store.pendingAuths.verify({
        ...v,
        createUser: undefined,
        resultUserId: undefined,
        status: 'failed',
        failureCode: 'E062107',
      }),
    ).toBe('ok');
    const failed = await store.pendingAuths.get(p.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.failureCode).toBe('E062107');
    expect(failed?.verifiedAt).toBeNull();
  });

  it('pendingAuths.verify: updateUser replaces the user in the same transaction; a taken login id rolls it all back', async () => {
    const store = await fresh();
    const u = user({
      loginIds: ['ada@example.com'],
      email: 'ada@example.com',
      phone: undefined,
      verifiedPhone: false,
    });
    const other = user({ loginIds: ['+447700900123'] });
    await store.users.create(u);
    await store.users.create(other);
    const p1 = pending({ kind: 'update', userId: u.userId });
    const p2 = pending({ kind: 'update', userId: u.userId });
    await store.pendingAuths.create(p1);
    await store.pendingAuths.create(p2);

    const clash = {
      ...u,
      loginIds: ['ada@example.com', '+447700900123'],
      phone: '+447700900123',
      verifiedPhone: true,
    };
    expect(await store.pendingAuths.verify(verification(p2, { updateUser: clash, resultUserId: u.userId }))).toBe(
      'login-id-taken',
    );
    expect(await store.users.get(PROJECT, u.userId)).toEqual(u);
    expect((await store.pendingAuths.get(p2.id))?.status).toBe('pending');

    const updated = {
      ...u,
      loginIds: ['ada@example.com', '+16505551234'],
      phone: '+16505551234',
      verifiedPhone: true,
      updatedAt: T0 + MIN,
    };
    expect(await store.pendingAuths.verify(verification(p1, { updateUser: updated, resultUserId: u.userId }))).toBe(
      'ok',
    );
    expect(await store.users.get(PROJECT, u.userId)).toEqual(updated);
    expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(u.userId);
  });

  it('pendingAuths.verify: awaiting-confirmation then verified by a second message keeps the first step fields', async () => {
    const store = await fresh();
    const p = pending();
    await store.pendingAuths.create(p);
    const nonceHash = secretHash();
    const first = verification(p, {
      status: 'awaiting-confirmation',
      confirmNonceHash: nonceHash,
      resultUserId: 'U2ccccccccccccccccccccccccccc',
      firstSeen: false,
    });
    expect(await store.pendingAuths.verify(first)).toBe('ok');
    const waiting = await store.pendingAuths.get(p.id);
    expect(waiting?.status).toBe('awaiting-confirmation');
    expect(waiting?.confirmNonceHash).toBe(nonceHash);
    expect(waiting?.verifiedAt).toBeNull();

    const second = verification(p, { now: T0 + 2 * MIN });
    expect(await store.pendingAuths.verify(second)).toBe('ok');
    const done = await store.pendingAuths.get(p.id);
    expect(done).toMatchObject({
      status: 'verified',
      confirmNonceHash: nonceHash,
      resultUserId: 'U2ccccccccccccccccccccccccccc',
      senderPhone: '+16505551234',
      verifiedAt: T0 + 2 * MIN,
    });
  });

  it('pendingAuths.verify: failed records the failure code', async () => {
    const store = await fresh();
    const p = pending();
    await store.pendingAuths.create(p);
    const v = verification(p, {
      status: 'failed',
      failureCode: 'E900404',
      senderPhone: '+447700900123',
      senderWaId: '447700900123',
    });
    expect(await store.pendingAuths.verify(v)).toBe('ok');
    expect(await store.pendingAuths.get(p.id)).toMatchObject({
      status: 'failed',
      failureCode: 'E900404',
      senderPhone: '+447700900123',
      verifiedAt: null,
    });
  });

  it('pendingAuths.verify: exactly one of 20 racers (different messages, one code) gets ok', async () => {
    const store = await fresh();
    const p = pending({ kind: 'signup' });
    await store.pendingAuths.create(p);
    const results = await race(20, (i) => {
      const newcomer = user({ loginIds: [`+1650555${String(2000 + i)}`] });
      return store.pendingAuths.verify(verification(p, { createUser: newcomer, resultUserId: newcomer.userId }));
    });
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'not-pending')).toHaveLength(19);
    expect((await store.users.search(PROJECT, {})).total).toBe(1);
  });

  it('pendingAuths.verify: 20 sign-ups racing for one login id → one ok, 19 login-id-taken with nothing written', async () => {
    const store = await fresh();
    const ps = Array.from({ length: 20 }, () => pending({ kind: 'signup' }));
    for (const p of ps) await store.pendingAuths.create(p);
    const vs = ps.map((p, i) => {
      const newcomer = user({ loginIds: ['+16505551234'] });
      return verification(p, {
        messageKey: `cloud-api:wamid.SAME-ID-${i}`,
        createUser: newcomer,
        resultUserId: newcomer.userId,
      });
    });
    const results = await race(20, (i) => store.pendingAuths.verify(vs[i]!));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'login-id-taken')).toHaveLength(19);
    expect((await store.users.search(PROJECT, {})).total).toBe(1);
    for (const [i, r] of results.entries()) {
      if (r === 'ok') continue;
      expect((await store.pendingAuths.get(ps[i]!.id))?.status).toBe('pending');
      // Rolled back whole: the message key is free, so the failure can be recorded under it.
      expect(await store.webhookMessages.record(vs[i]!.messageKey, T0)).toBe(true);
    }
  });
}
