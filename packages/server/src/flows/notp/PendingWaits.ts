// PendingWaits: the registry of held pending-session long-polls — wake on the event, the deadline, or shutdown.
import { errors, NotpError } from '@notp/core';
import type { EventBus } from '../../events/ports.js';
import { pendingChannel } from '../../events/ports.js';

/** How many long-polls one instance holds at once (docs/security.md "Slow clients"). */
export interface LongPollBounds {
  /** Held at once per client address (NAT'd offices share one; a login page holds one). */
  perClient: number;
  /** Held at once in total (each costs a socket, a timer and a listener). */
  total: number;
}

export const LONG_POLL_BOUNDS: Readonly<LongPollBounds> = Object.freeze({ perClient: 20, total: 10_000 });

/** What every view of one instance's registry shares. */
interface Registry {
  held: Set<() => void>;
  perClient: Map<string, number>;
  closing: boolean;
}

/** Seconds a client refused a hold should wait before asking again. */
const HOLD_RETRY_AFTER_SEC = 1;

/**
 * One per server instance (the notp route plugin owns it). Holding never polls the store: a waiter sleeps on the
 * event bus and re-reads once when woken, so a held request costs a timer and a listener.
 */
export class PendingWaits {
  private readonly registry: Registry;

  constructor(
    private readonly events: EventBus,
    private readonly bounds: Readonly<LongPollBounds> = LONG_POLL_BOUNDS,
    /** The client address holds are counted against ('' for the instance's own view). */
    private readonly client = '',
    registry?: Registry,
  ) {
    this.registry = registry ?? { held: new Set(), perClient: new Map(), closing: false };
  }

  /** The same registry, with holds counted against `client` (the request's address). */
  forClient(client: string): PendingWaits {
    return new PendingWaits(this.events, this.bounds, client, this.registry);
  }

  private get held(): Set<() => void> {
    return this.registry.held;
  }

  /** Requests being held right now (for metrics). */
  get size(): number {
    return this.held.size;
  }

  /**
   * Holds until the pending auth `pendingId` changes, `ms` pass, or `closeAll()` runs. Subscribes FIRST and only
   * then calls `stillPending` (a store re-read), so a verification landing in between cannot be missed.
   * Resolves true if it actually held, false if `stillPending` said no (or the server is closing).
   * Throws rateLimited (429, Retry-After) when this client address or the instance already holds its bound.
   */
  async hold(pendingId: string, ms: number, stillPending: () => Promise<boolean>): Promise<boolean> {
    const { perClient } = this.registry;
    const client = this.client;
    if (this.registry.closing) return false;
    const mine = perClient.get(client) ?? 0;
    if (mine >= this.bounds.perClient || this.held.size >= this.bounds.total) {
      throw new NotpError(errors.rateLimited, {
        message: `Too many held requests: try again in ${HOLD_RETRY_AFTER_SEC} s`,
        retryAfter: HOLD_RETRY_AFTER_SEC,
        detail: mine >= this.bounds.perClient ? 'long-polls per client address' : 'long-polls in total',
      });
    }
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const unsubscribe = this.events.subscribe(pendingChannel(pendingId), () => wake());
    this.held.add(wake);
    perClient.set(client, mine + 1);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!(await stillPending()) || this.registry.closing) return false;
      timer = setTimeout(wake, ms);
      await woken;
      return true;
    } finally {
      if (timer) clearTimeout(timer);
      unsubscribe();
      this.held.delete(wake);
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    }
  }

  /** Wakes every held request at once (each then answers "not verified yet"); refuses new holds. */
  closeAll(): void {
    this.registry.closing = true;
    for (const wake of this.held) wake();
  }
}
