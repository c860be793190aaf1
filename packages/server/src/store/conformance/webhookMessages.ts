// Store conformance of `WebhookMessageStore` (store/pendingAuthPorts.ts).
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, DAY, race } from './fixtures.js';

/** Registers the cases of `store.webhookMessages`. */
export function describeWebhookMessages({ fresh }: ConformanceContext): void {
  describe('webhookMessages', () => {
    it('webhookMessages.record: true the first time, false for a duplicate delivery', async () => {
      const store = await fresh();
      expect(await store.webhookMessages.record('cloud-api:wamid.A1', T0)).toBe(true);
      expect(await store.webhookMessages.record('cloud-api:wamid.A1', T0 + 1)).toBe(false);
      expect(await store.webhookMessages.record('twilio:SM0123456789abcdef', T0)).toBe(true);
    });

    it('webhookMessages.record: of 20 racers for one key exactly one gets true', async () => {
      const store = await fresh();
      const results = await race(20, () => store.webhookMessages.record('cloud-api:wamid.RACE', T0));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('webhookMessages.deleteOlderThan forgets only older keys', async () => {
      const store = await fresh();
      await store.webhookMessages.record('cloud-api:wamid.old', T0 - 8 * DAY);
      await store.webhookMessages.record('cloud-api:wamid.new', T0);
      expect(await store.webhookMessages.deleteOlderThan(T0 - 7 * DAY)).toBe(1);
      expect(await store.webhookMessages.record('cloud-api:wamid.old', T0)).toBe(true);
      expect(await store.webhookMessages.record('cloud-api:wamid.new', T0)).toBe(false);
    });
  });
}
