// PendingWaits: the registry of held pending-session long-polls — wake on the event, the deadline, or shutdown.
import type { EventBus } from '../../events/ports.js';
import { pendingChannel } from '../../events/ports.js';

/**
 * One per server instance (the notp route plugin owns it). Holding never polls the store: a waiter sleeps on the
 * event bus and re-reads once when woken, so a held request costs a timer and a listener.
 */
export class PendingWaits {
  private readonly held = new Set<() => void>();
  private closing = false;

  constructor(private readonly events: EventBus) {}

  /** Requests being held right now (for metrics). */
  get size(): number {
    return this.held.size;
  }

  /**
   * Holds until the pending auth `pendingId` changes, `ms` pass, or `closeAll()` runs. Subscribes FIRST and only
   * then calls `stillPending` (a store re-read), so a verification landing in between cannot be missed.
   * Resolves true if it actually held, false if `stillPending` said no (or the server is closing).
   */
  async hold(pendingId: string, ms: number, stillPending: () => Promise<boolean>): Promise<boolean> {
    if (this.closing) return false;
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const unsubscribe = this.events.subscribe(pendingChannel(pendingId), () => wake());
    this.held.add(wake);
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
    }
  }

  /** Wakes every held request at once (each then answers "not verified yet"); refuses new holds. */
  closeAll(): void {
    this.closing = true;
    for (const wake of this.held) wake();
  }
}
