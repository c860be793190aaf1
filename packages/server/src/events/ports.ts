// Event port: ephemeral fan-out across instances ("pending auth <id> changed" wakes waiting long-polls).
// Delivery is best effort: a waiter always re-reads the store after waking or timing out, so a lost event only
// costs latency, never correctness.

export type Unsubscribe = () => void;

export interface EventBus {
  /** Publishes to every subscriber of `channel` on every instance. Resolves once handed to the transport. */
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes this instance; the listener runs for each message. Returns a function that unsubscribes. */
  subscribe(channel: string, listener: (message: string) => void): Unsubscribe;
  /** Cheap round trip for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Channel name for changes to one pending auth (by internal id). */
export const pendingChannel = (pendingId: string): string => `notp:pending:${pendingId}`;

/** Channel on which a project's id is published after its name or settings changed (caches drop that project). */
export const projectChangedChannel = 'notp:project-changed';
