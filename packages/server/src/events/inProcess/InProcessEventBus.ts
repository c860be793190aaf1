// InProcessEventBus: the single-instance EventBus (no REDIS_URL) — channel → listeners, delivered in the publisher's tick.
import type { EventBus, Unsubscribe } from '../ports.js';

export class InProcessEventBus implements EventBus {
  // Map of Sets: an empty set is deleted on the last unsubscribe, so churn leaves nothing behind.
  private readonly channels = new Map<string, Set<(message: string) => void>>();
  private closed = false;

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) return;
    const listeners = this.channels.get(channel);
    if (!listeners) return;
    // Copy: a listener may unsubscribe (itself or others) while we iterate.
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch {
        // One faulty listener must not starve the others; delivery is best effort by contract.
      }
    }
  }

  subscribe(channel: string, listener: (message: string) => void): Unsubscribe {
    if (this.closed) return () => {};
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry = (message: string) => listener(message);
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    listeners.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.channels.get(channel);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) this.channels.delete(channel);
    };
  }

  /** Number of live subscriptions (all channels); lets tests prove unsubscribe leaks nothing. */
  listenerCount(channel?: string): number {
    if (channel !== undefined) return this.channels.get(channel)?.size ?? 0;
    let n = 0;
    for (const set of this.channels.values()) n += set.size;
    return n;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
  }
}
