// Store conformance of `KeyStore` (store/keyPorts.ts).
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, MIN, DAY, PROJECT, OTHER_PROJECT, signingKey } from './fixtures.js';

/** Registers the cases of `store.keys`. */
export function describeKeys({ fresh }: ConformanceContext): void {
  describe('keys', () => {
    it('keys.create then getActive and listPublished return it; none → null and []', async () => {
      const store = await fresh();
      expect(await store.keys.getActive(PROJECT)).toBeNull();
      expect(await store.keys.listPublished(PROJECT)).toEqual([]);
      const k = signingKey();
      await store.keys.create(k);
      expect(await store.keys.getActive(PROJECT)).toEqual(k);
      expect(await store.keys.listPublished(PROJECT)).toEqual([k]);
      expect(await store.keys.getActive(OTHER_PROJECT)).toBeNull();
    });

    it('keys.create: a second active key for one project is rejected', async () => {
      const store = await fresh();
      const k = signingKey();
      await store.keys.create(k);
      await expect(store.keys.create(signingKey())).rejects.toThrow();
      expect(await store.keys.listPublished(PROJECT)).toEqual([k]);
      await store.keys.create(signingKey({ projectId: OTHER_PROJECT }));
    });

    it('keys.rotate keeps the old key published as verify-only', async () => {
      const store = await fresh();
      const old = signingKey();
      await store.keys.create(old);
      const next = signingKey({ createdAt: T0 + DAY, alg: 'RS256', status: 'verify-only' });
      const retireAfter = T0 + DAY + 10 * MIN;
      await store.keys.rotate(PROJECT, next, retireAfter);
      expect(await store.keys.getActive(PROJECT)).toEqual({ ...next, status: 'active' });
      expect(await store.keys.listPublished(PROJECT)).toEqual([
        { ...next, status: 'active' },
        { ...old, status: 'verify-only', retireAfter },
      ]);
    });

    it('keys.rotate with no active key inserts the next one as active', async () => {
      const store = await fresh();
      const next = signingKey();
      await store.keys.rotate(PROJECT, next, T0);
      expect(await store.keys.getActive(PROJECT)).toEqual(next);
    });

    it('keys.retireDue retires verify-only keys whose retireAfter passed; they leave the JWKS', async () => {
      const store = await fresh();
      const first = signingKey({ createdAt: T0 });
      await store.keys.create(first);
      const second = signingKey({ createdAt: T0 + DAY });
      await store.keys.rotate(PROJECT, second, T0 + DAY + 10 * MIN);
      const third = signingKey({ createdAt: T0 + 2 * DAY });
      await store.keys.rotate(PROJECT, third, T0 + 2 * DAY + 10 * MIN);
      expect(await store.keys.retireDue(T0 + DAY)).toBe(0);
      expect(await store.keys.retireDue(T0 + DAY + 10 * MIN)).toBe(1);
      expect((await store.keys.listPublished(PROJECT)).map((k) => [k.kid, k.status])).toEqual([
        [third.kid, 'active'],
        [second.kid, 'verify-only'],
      ]);
      expect(await store.keys.retireDue(T0 + 3 * DAY)).toBe(1);
      expect((await store.keys.listPublished(PROJECT)).map((k) => k.kid)).toEqual([third.kid]);
    });
  });
}
