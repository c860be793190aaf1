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

/** Seconds a client refused a hold should wait before asking again. */
const HOLD_RETRY_AFTER_SEC = 1;

/**
 * One per server instance (the notp route plugin owns it). Holding never polls the store: a waiter sleeps on the
 * event bus and re-reads once when woken, so a held request costs a timer and a listener.
 */
export class PendingWaits {
  private readonly held = new Set<() => void>();
  private readonly perClient = new Map<string, number>();
  private closing = false;

  constructor(
    private readonly events: EventBus,
    private readonly bounds: Readonly<LongPollBounds> = LONG_POLL_BOUNDS,
  ) {}

  /** Requests being held right now (for metrics). */
  get size(): number {
    return this.held.size;
  }

  /**
   * Holds until the pending auth `pendingId` changes, `ms` pass, or `closeAll()` runs. Subscribes FIRST and only
   * then calls `stillPending` (a store re-read), so a verification landing in between cannot be missed.
   * Resolves true if it actually held, false if `stillPending` said no (or the server is closing).
   * Throws rateLimited (429, Retry-After) when `client` (its address) or the instance already holds its bound.
   */
  async hold(pendingId: string, ms: number, stillPending: () => Promise<boolean>, client = ''): Promise<boolean> {
    if (this.closing) return false;
    const mine = this.perClient.get(client) ?? 0;
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
    this.perClient.set(client, mine + 1);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!(await stillPending()) || this.closing) return false;
      timer = setTimeout(wake, ms);
      await woken;
      return true;
    } finally {
      if (timer) clearTimeout(timer);
      unsubscribe();
      this.held.delete(wake);
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
    }
  }

  /** Wakes every held request at once (each then answers "not verified yet"); refuses new holds. */
  closeAll(): void {
    this.closing = true;
    for (const wake of this.held) wake();
  }
}
