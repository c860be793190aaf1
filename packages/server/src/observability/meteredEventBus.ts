// meteredEventBus: wraps an EventBus so the long-polls held open are a gauge. A held pending-session request is
// exactly one subscription to a pending channel (PendingWaits), so subscribe/unsubscribe there is open/close.
import type { EventBus } from '../events/ports.js';
import { pendingChannel } from '../events/ports.js';
import type { Metrics } from './Metrics.js';

const PENDING_PREFIX = pendingChannel('');

export function meteredEventBus(bus: EventBus, metrics: Metrics): EventBus {
  return {
    publish: (channel, message) => bus.publish(channel, message),
    subscribe: (channel, listener) => {
      const unsubscribe = bus.subscribe(channel, listener);
      if (!channel.startsWith(PENDING_PREFIX)) return unsubscribe;
      metrics.longPollOpened();
      let open = true;
      return () => {
        // Unsubscribe is idempotent by contract: close the gauge once.
        if (open) {
          open = false;
          metrics.longPollClosed();
        }
        unsubscribe();
      };
    },
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}
