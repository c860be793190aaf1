// Store conformance of `SessionStore` (store/sessionPorts.ts): create, rotate, revoke, expiry.
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, MIN, PROJECT, OTHER_PROJECT, session, race } from './fixtures.js';

/** Registers the cases of `store.sessions`. */
export function describeSessions({ fresh }: ConformanceContext): void {
  describe('sessions', () => {
    it('sessions.create/get round-trips the record; unknown → null', async () => {
      const store = await fresh();
      const s = session({
        tenantId: 'T-eu',
        customClaims: { plan: 'pro' },
        amr: ['whatsapp', 'mfa'],
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
      });
      const bare = session();
      await store.sessions.create(s);
      await store.sessions.create(bare);
      expect(await store.sessions.get(s.id)).toEqual(s);
      const got = await store.sessions.get(bare.id);
      expect(got).toEqual(bare);
      expect(got && 'ip' in got).toBe(false);
      expect(await store.sessions.get('jti_missing')).toBeNull();
    });

    it('sessions: customClaimsTrusted round-trips both ways, also through rotate', async () => {
      const store = await fresh();
      const trusted = session({ customClaims: { plan: 'pro' }, customClaimsTrusted: true });
      const untrusted = session({ customClaims: { plan: 'pro' }, customClaimsTrusted: false });
      await store.sessions.create(trusted);
      await store.sessions.create(untrusted);
      expect((await store.sessions.get(trusted.id))?.customClaimsTrusted).toBe(true);
      expect((await store.sessions.get(untrusted.id))?.customClaimsTrusted).toBe(false);
      const next = session({ familyId: trusted.familyId, customClaims: { plan: 'pro' }, customClaimsTrusted: true });
      expect(await store.sessions.rotate(trusted.id, next, T0 + MIN)).toBe(true);
      expect(await store.sessions.get(next.id)).toEqual(next);
    });

    it('sessions.revoke marks it revoked once (idempotent); unknown → false', async () => {
      const store = await fresh();
      const s = session();
      await store.sessions.create(s);
      expect(await store.sessions.revoke(s.id, T0 + MIN)).toBe(true);
      expect(await store.sessions.revoke(s.id, T0 + 2 * MIN)).toBe(true);
      expect((await store.sessions.get(s.id))?.revokedAt).toBe(T0 + MIN);
      expect(await store.sessions.revoke('jti_missing', T0)).toBe(false);
    });

    it('sessions.revokeAllForUser revokes only that user’s live sessions and counts them', async () => {
      const store = await fresh();
      const userId = 'U2fffffffffffffffffffffffffff';
      const live1 = session({ userId });
      const live2 = session({ userId, createdAt: T0 + 1 });
      const expired = session({ userId, expiresAt: T0 });
      const revoked = session({ userId, revokedAt: T0 - MIN });
      const someoneElse = session();
      const otherProject = session({ userId, projectId: OTHER_PROJECT });
      for (const s of [live1, live2, expired, revoked, someoneElse, otherProject]) await store.sessions.create(s);
      expect(await store.sessions.revokeAllForUser(PROJECT, userId, T0 + MIN)).toBe(2);
      expect((await store.sessions.get(live1.id))?.revokedAt).toBe(T0 + MIN);
      expect((await store.sessions.get(live2.id))?.revokedAt).toBe(T0 + MIN);
      expect((await store.sessions.get(revoked.id))?.revokedAt).toBe(T0 - MIN);
      expect((await store.sessions.get(someoneElse.id))?.revokedAt).toBeNull();
      expect((await store.sessions.get(otherProject.id))?.revokedAt).toBeNull();
    });

    it('sessions.revokeFamily revokes every unrevoked session of the family', async () => {
      const store = await fresh();
      const a = session();
      const b = session({ familyId: a.familyId, rotatedAt: null });
      const c = session({ familyId: a.familyId, revokedAt: T0 - 1 });
      const stranger = session();
      for (const s of [a, b, c, stranger]) await store.sessions.create(s);
      expect(await store.sessions.revokeFamily(a.familyId, T0 + MIN)).toBe(2);
      expect((await store.sessions.get(a.id))?.revokedAt).toBe(T0 + MIN);
      expect((await store.sessions.get(b.id))?.revokedAt).toBe(T0 + MIN);
      expect((await store.sessions.get(c.id))?.revokedAt).toBe(T0 - 1);
      expect((await store.sessions.get(stranger.id))?.revokedAt).toBeNull();
    });

    it('sessions.rotate marks the old one rotated and inserts the next', async () => {
      const store = await fresh();
      const old = session();
      await store.sessions.create(old);
      const next = session({ familyId: old.familyId, createdAt: T0 + MIN });
      expect(await store.sessions.rotate(old.id, next, T0 + MIN)).toBe(true);
      expect((await store.sessions.get(old.id))?.rotatedAt).toBe(T0 + MIN);
      expect(await store.sessions.get(next.id)).toEqual(next);
    });

    it('sessions.rotate: a rotated-out id cannot rotate again', async () => {
      const store = await fresh();
      const old = session();
      await store.sessions.create(old);
      expect(await store.sessions.rotate(old.id, session({ familyId: old.familyId }), T0 + MIN)).toBe(true);
      const replay = session({ familyId: old.familyId });
      expect(await store.sessions.rotate(old.id, replay, T0 + 2 * MIN)).toBe(false);
      expect(await store.sessions.get(replay.id)).toBeNull();
      expect((await store.sessions.get(old.id))?.rotatedAt).toBe(T0 + MIN);
    });

    it.each([
      ['revoked', { revokedAt: T0 }],
      ['expired', { expiresAt: T0 + MIN }],
    ])('sessions.rotate: a %s session → false, nothing written', async (_name, state) => {
      const store = await fresh();
      const old = session(state);
      await store.sessions.create(old);
      const next = session({ familyId: old.familyId });
      expect(await store.sessions.rotate(old.id, next, T0 + MIN)).toBe(false);
      expect(await store.sessions.get(next.id)).toBeNull();
      expect(await store.sessions.get(old.id)).toEqual(old);
    });

    it('sessions.rotate: an unknown id → false, nothing written', async () => {
      const store = await fresh();
      const next = session();
      expect(await store.sessions.rotate('jti_missing', next, T0)).toBe(false);
      expect(await store.sessions.get(next.id)).toBeNull();
    });

    it('sessions.rotate: exactly one of 20 racers rotates', async () => {
      const store = await fresh();
      const old = session();
      await store.sessions.create(old);
      const nexts = Array.from({ length: 20 }, () => session({ familyId: old.familyId }));
      const results = await race(20, (i) => store.sessions.rotate(old.id, nexts[i]!, T0 + MIN));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.sessions.listForUser(PROJECT, old.userId)).toHaveLength(2);
    });

    it('sessions.listForUser returns that user’s sessions, newest first', async () => {
      const store = await fresh();
      const userId = 'U2ggggggggggggggggggggggggggg';
      const older = session({ userId, createdAt: T0 });
      const newer = session({ userId, createdAt: T0 + MIN });
      await store.sessions.create(older);
      await store.sessions.create(newer);
      await store.sessions.create(session());
      expect((await store.sessions.listForUser(PROJECT, userId)).map((s) => s.id)).toEqual([newer.id, older.id]);
      expect(await store.sessions.listForUser(OTHER_PROJECT, userId)).toEqual([]);
    });

    it('sessions.deleteExpired deletes only those that expired before the cut-off', async () => {
      const store = await fresh();
      const old = session({ expiresAt: T0 - 1 });
      const live = session({ expiresAt: T0 });
      await store.sessions.create(old);
      await store.sessions.create(live);
      expect(await store.sessions.deleteExpired(T0)).toBe(1);
      expect(await store.sessions.get(old.id)).toBeNull();
      expect(await store.sessions.get(live.id)).toEqual(live);
    });
  });
}
