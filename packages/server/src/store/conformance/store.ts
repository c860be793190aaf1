// Store conformance, the store itself: kind, ping, and state surviving close and reopen.
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, PROJECT, project, user, pending, session, signingKey } from './fixtures.js';

/** Registers the cases of `Store.kind`, `ping` and reopening. */
export function describeStore({ opts, fresh, opened }: ConformanceContext): void {
  describe('store', () => {
    it('kind names the adapter and ping answers', async () => {
      const store = await fresh();
      expect(['sqlite', 'postgres']).toContain(store.kind);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    // Only file-backed adapters can be reopened (a :memory: database is gone once closed): registered where it applies.
    (opts.reopen !== undefined ? it : () => {})('survives close and reopen', async () => {
      const store = await fresh();
      const u = user({ name: 'Ada Lovelace' });
      const p = pending();
      const s = session({ userId: u.userId });
      const k = signingKey();
      const proj = project();
      await store.projects.create(proj);
      await store.users.create(u);
      await store.pendingAuths.create(p);
      await store.sessions.create(s);
      await store.keys.create(k);
      await store.webhookMessages.record('cloud-api:wamid.durable', T0);
      await store.loginHistory.add({
        projectId: PROJECT,
        userId: u.userId,
        loginTime: T0,
        ip: '203.0.113.7',
        city: '',
        country: 'US',
      });
      await store.close();

      const again = await opts.reopen!(store);
      opened.push(again);
      expect(await again.projects.get(PROJECT)).toEqual(proj);
      expect(await again.users.getByLoginId(PROJECT, '+16505551234')).toEqual(u);
      expect(await again.pendingAuths.getByRefHash(p.refHash)).toEqual(p);
      expect(await again.sessions.get(s.id)).toEqual(s);
      expect(await again.keys.getActive(PROJECT)).toEqual(k);
      expect(await again.webhookMessages.record('cloud-api:wamid.durable', T0 + 1)).toBe(false);
      expect(await again.loginHistory.list(PROJECT, u.userId)).toHaveLength(1);
    });
  });
}
