// meteredStore: wraps a Store so that login and webhook outcomes are counted where the store decides them.
// Each inbound message ends in exactly one deciding store call (receiveMessage's guard lines): either
// webhookMessages.record (no live login matched: true → unmatched, false → duplicate) or pendingAuths.verify
// (ok → matched, and the login verified or failed; not-pending → unmatched; duplicate-message → duplicate;
// login-id-taken wrote nothing and is followed by a failing verify, so it counts there). Counting at the atomic
// decision means a login raced by two instances is counted once, by the winner.
import type { PendingAuthStore, Store, WebhookMessageStore } from '../store/ports.js';
import type { Metrics } from './Metrics.js';

/**
 * `target` with some methods replaced; every other member (including methods added to the port later) is the
 * target's own, bound to it.
 */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  // Bound once per method, not per call: the store is on every request's path.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (fn === undefined) {
        fn = value.bind(t);
        bound.set(prop, fn);
      }
      return fn;
    },
  });
}

export function meteredStore(store: Store, metrics: Metrics): Store {
  const pending = store.pendingAuths;
  const messages = store.webhookMessages;
  const pendingAuths = withOverrides<PendingAuthStore>(pending, {
    create: async (record) => {
      await pending.create(record);
      metrics.pending('started');
    },
    verify: async (v) => {
      const result = await pending.verify(v);
      if (result === 'ok') {
        metrics.webhook('matched');
        if (v.status === 'verified') metrics.pending('verified');
        else if (v.status === 'failed') metrics.pending('failed');
      } else if (result === 'not-pending') metrics.webhook('unmatched');
      else if (result === 'duplicate-message') metrics.webhook('duplicate');
      return result;
    },
  });
  const webhookMessages = withOverrides<WebhookMessageStore>(messages, {
    record: async (messageKey, now) => {
      const fresh = await messages.record(messageKey, now);
      metrics.webhook(fresh ? 'unmatched' : 'duplicate');
      return fresh;
    },
  });
  return withOverrides<Store>(store, { pendingAuths, webhookMessages });
}
