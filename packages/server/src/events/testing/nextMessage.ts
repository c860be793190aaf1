// nextMessage: a test waits for the next message on an EventBus channel (conformance.ts, RedisEventBus.test.ts).
import type { EventBus } from '../ports.js';

/** Resolves with the first message on `channel`, or rejects after `ms` (a deadline, not a sleep). */
export function nextMessage(bus: EventBus, channel: string, ms = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no message on ${channel} within ${ms} ms`));
    }, ms);
    const off = bus.subscribe(channel, (message) => {
      clearTimeout(timer);
      off();
      resolve(message);
    });
  });
}
