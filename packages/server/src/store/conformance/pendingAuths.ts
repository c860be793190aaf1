// Store conformance of `PendingAuthStore` (pendingAuthPorts.ts): create, consume, release, expiry; verify is beside it.
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, MIN, secretHash, pending, verification, race } from './fixtures.js';
import { registerPendingAuthVerify } from './pendingAuthVerify.js';

/** Registers the cases of `store.pendingAuths` (verify through pendingAuthVerify.ts, in between). */
export function describePendingAuths(ctx: ConformanceContext): void {
  const { fresh } = ctx;
  describe('pendingAuths', () => {
    it('pendingAuths.create then get, getByRefHash and getByCodeHash return the record; unknown → null', async () => {
      const store = await fresh();
      const p = pending({
        kind: 'signup',
        request: {
          loginId: 'ada@example.com',
          loginIdKind: 'email',
          user: { name: 'Ada Lovelace', phone: '+16505551234' },
          customClaims: { plan: 'pro', n: 1 },
          customClaimsTrusted: true,
          templateOptions: { greeting: 'Hi' },
          stepup: false,
          userAgent: 'Mozilla/5.0',
        },
        userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
        parentSessionId: 'jti_parent',
      });
      await store.pendingAuths.create(p);
      expect(await store.pendingAuths.get(p.id)).toEqual(p);
      expect(await store.pendingAuths.getByRefHash(p.refHash)).toEqual(p);
      expect(await store.pendingAuths.getByCodeHash(p.codeHash)).toEqual(p);
      expect(await store.pendingAuths.get('pa_missing')).toBeNull();
      expect(await store.pendingAuths.getByRefHash(secretHash())).toBeNull();
      expect(await store.pendingAuths.getByCodeHash(secretHash())).toBeNull();
    });

    it('pendingAuths.create: a reused refHash or codeHash is rejected', async () => {
      const store = await fresh();
      const p = pending();
      await store.pendingAuths.create(p);
      await expect(store.pendingAuths.create(pending({ refHash: p.refHash }))).rejects.toThrow();
      await expect(store.pendingAuths.create(pending({ codeHash: p.codeHash }))).rejects.toThrow();
    });

    registerPendingAuthVerify(ctx);

    it('pendingAuths.consume: a verified pending auth is returned once, as consumed', async () => {
      const store = await fresh();
      const p = pending();
      await store.pendingAuths.create(p);
      await store.pendingAuths.verify(verification(p, { resultUserId: 'U2ddddddddddddddddddddddddddd' }));
      const got = await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN);
      expect(got).toMatchObject({
        id: p.id,
        status: 'consumed',
        consumedAt: T0 + 2 * MIN,
        resultUserId: 'U2ddddddddddddddddddddddddddd',
        verifiedAt: T0 + MIN,
      });
      expect(got?.request).toEqual(p.request);
      expect(await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN)).toBeNull();
      expect((await store.pendingAuths.get(p.id))?.status).toBe('consumed');
    });

    it('pendingAuths.release undoes exactly that consume: verified again, consumable once more; else false', async () => {
      const store = await fresh();
      const p = pending();
      await store.pendingAuths.create(p);
      await store.pendingAuths.verify(verification(p, { resultUserId: 'U2ddddddddddddddddddddddddddd' }));
      expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(false); // not consumed yet
      await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN);
      expect(await store.pendingAuths.release(p.refHash, T0 + 3 * MIN)).toBe(false); // another consume's time
      expect(await store.pendingAuths.release(secretHash(), T0 + 2 * MIN)).toBe(false);
      expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(true);
      expect(await store.pendingAuths.get(p.id)).toMatchObject({ status: 'verified', consumedAt: null });
      expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(false);
      expect((await store.pendingAuths.consume(p.refHash, T0 + 4 * MIN))?.consumedAt).toBe(T0 + 4 * MIN);
    });

    it.each([
      ['still pending', {}, T0 + MIN],
      ['awaiting confirmation', { status: 'awaiting-confirmation' as const }, T0 + MIN],
      ['failed', { status: 'failed' as const, failureCode: 'E900404' }, T0 + MIN],
      ['verified but expired', { status: 'verified' as const, verifiedAt: T0 }, T0 + 10 * MIN],
    ])('pendingAuths.consume: %s → null, unchanged', async (_name, state, now) => {
      const store = await fresh();
      const p = pending(state);
      await store.pendingAuths.create(p);
      expect(await store.pendingAuths.consume(p.refHash, now)).toBeNull();
      expect(await store.pendingAuths.get(p.id)).toEqual(p);
    });

    it('pendingAuths.consume: an unknown ref → null', async () => {
      const store = await fresh();
      expect(await store.pendingAuths.consume(secretHash(), T0)).toBeNull();
    });

    it('pendingAuths.consume: exactly one of 20 racers gets the row', async () => {
      const store = await fresh();
      const p = pending({ status: 'verified', verifiedAt: T0, resultUserId: 'U2eeeeeeeeeeeeeeeeeeeeeeeeeee' });
      await store.pendingAuths.create(p);
      const results = await race(20, () => store.pendingAuths.consume(p.refHash, T0 + MIN));
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.id).toBe(p.id);
    });

    it('pendingAuths.deleteExpired deletes only those that expired before the cut-off', async () => {
      const store = await fresh();
      const old = pending({ expiresAt: T0 - MIN });
      const edge = pending({ expiresAt: T0 });
      const live = pending({ expiresAt: T0 + MIN });
      for (const p of [old, edge, live]) await store.pendingAuths.create(p);
      expect(await store.pendingAuths.deleteExpired(T0)).toBe(1);
      expect(await store.pendingAuths.get(old.id)).toBeNull();
      expect(await store.pendingAuths.get(edge.id)).toEqual(edge);
      expect(await store.pendingAuths.get(live.id)).toEqual(live);
      expect(await store.pendingAuths.deleteExpired(T0)).toBe(0);
    });
  });
}
