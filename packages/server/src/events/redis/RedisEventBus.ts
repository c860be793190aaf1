// RedisEventBus: the multi-instance EventBus (REDIS_URL) — Redis pub/sub, one subscriber connection for every
// channel, ref-counted per channel, so a verification on instance B wakes the long-poll held on instance A.
import { Redis } from 'ioredis';
import type { EventBus, Unsubscribe } from '../ports.js';

/** How long a PUBLISH may take before we give up on it (the event is best effort; the store is the truth), ms. */
const PUBLISH_TIMEOUT_MS = 1_000;

export interface RedisEventBusOptions {
  /** Told about transport failures (a lost publish, a dropped connection); never about message contents. */
  onError?: (err: Error, context: string) => void;
}

export class RedisEventBus implements EventBus {
  // channel → live listeners; SUBSCRIBE on the first, UNSUBSCRIBE after the last, so churn leaves nothing behind.
  private readonly channels = new Map<string, Set<(message: string) => void>>();
  // SUBSCRIBEs sent but not yet acknowledged: a publish from this instance waits for them (see publish()).
  private readonly inFlightSubscribes = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly onError: (err: Error, context: string) => void,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  /** Opens the publisher and subscriber connections and waits until both answer (a bad REDIS_URL fails the start). */
  static async connect(url: string, options: RedisEventBusOptions = {}): Promise<RedisEventBus> {
    const onError = options.onError ?? (() => {});
    // No offline queue on the publisher: while Redis is down a publish fails at once instead of piling up.
    const publisher = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      commandTimeout: PUBLISH_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
    });
    // The subscriber reconnects forever and re-subscribes its channels itself (ioredis autoResubscribe).
    const subscriber = new Redis(url, { lazyConnect: true, autoResubscribe: true });
    for (const [name, conn] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      // Without a listener an 'error' event would crash the process; ioredis reconnects by itself.
      conn.on('error', (err: Error) => onError(err, `redis ${name} connection`));
    }
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (err) {
      publisher.disconnect();
      subscriber.disconnect();
      throw err;
    }
    return new RedisEventBus(publisher, subscriber, onError);
  }

  private deliver(channel: string, message: string): void {
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

  /**
   * Best effort by contract: a failed PUBLISH is reported to onError and swallowed, because the caller has already
   * committed the state change (a waiter re-reads the store at its deadline), and failing the webhook over a lost
   * wake-up would make the provider redeliver a message we have already handled.
   */
  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) return;
    try {
      // Publisher and subscriber are two connections, so Redis could run our PUBLISH before a SUBSCRIBE we sent
      // just earlier and drop the message for our own waiter. Waiting for our pending acks orders them (usually
      // there are none). Across instances the order is best effort: a waiter re-reads the store at its deadline.
      if (this.inFlightSubscribes.size > 0) await Promise.all(this.inFlightSubscribes);
      await this.publisher.publish(channel, message);
    } catch (err) {
      this.onError(err instanceof Error ? err : new Error(String(err)), 'redis publish');
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
      // Written to the socket now, before the caller's next step (PendingWaits re-reads the store after this), so
      // Redis sees our SUBSCRIBE before any PUBLISH that follows a commit the re-read did not yet see.
      const ack = this.subscriber.subscribe(channel).then(
        () => undefined,
        (err: Error) => this.onError(err, 'redis subscribe'),
      );
      this.inFlightSubscribes.add(ack);
      void ack.finally(() => this.inFlightSubscribes.delete(ack));
    }
    listeners.add(entry);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.channels.get(channel);
      if (!current) return;
      current.delete(entry);
      if (current.size > 0) return;
      this.channels.delete(channel);
      if (!this.closed)
        this.subscriber.unsubscribe(channel).catch((err: Error) => this.onError(err, 'redis unsubscribe'));
    };
  }

  /** Live subscriptions in this process (all channels, or one); lets tests prove unsubscribe leaks nothing. */
  listenerCount(channel?: string): number {
    if (channel !== undefined) return this.channels.get(channel)?.size ?? 0;
    let n = 0;
    for (const set of this.channels.values()) n += set.size;
    return n;
  }

  /** Channels this instance is subscribed to at Redis (one per channel however many listeners). */
  subscribedChannels(): number {
    return this.channels.size;
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.channels.clear();
    // quit() lets in-flight commands finish; disconnect() if the server is already gone.
    await Promise.all(
      [this.publisher, this.subscriber].map((conn) =>
        conn.status === 'ready'
          ? conn.quit().then(
              () => undefined,
              () => conn.disconnect(),
            )
          : conn.disconnect(),
      ),
    );
  }
}
