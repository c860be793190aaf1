// ReplyQueue: sends WhatsApp replies off the webhook's path, retrying throttled/failed sends with backoff.
import { isRetryableSendError, ProviderSendError } from './ProviderSendError.js';
import type { MessageSender, OutboundMessage } from './ports.js';

export interface ReplyQueue {
  /**
   * Queues one reply; returns at once (the send starts on a later event-loop turn). `onSent` gets the provider's
   * message id once the send succeeded (the confirmation step records it); its failure is logged, never retried.
   */
  enqueue(msg: OutboundMessage, onSent?: (messageId: string) => Promise<unknown>): void;
  /** Resolves when every queued reply has been sent or given up on, or after `timeoutMs`, whichever is first. */
  drain(timeoutMs: number): Promise<void>;
}

/** The slice of a pino logger the queue writes to (structured object first, then the message). */
type LogAt = (obj: Record<string, unknown>, msg: string) => void;

export interface ReplyQueueOptions {
  sender: MessageSender;
  log: { debug: LogAt; info: LogAt; warn: LogAt; error: LogAt };
  /** Attempts per reply, the first included. Default 5. */
  maxAttempts?: number;
  /** Delay before the second attempt, ms; doubles each time. Default 500 (0.5 s). */
  baseDelayMs?: number;
  /** Longest delay between attempts, ms. Default 30 000 (30 s). */
  maxDelayMs?: number;
  /** Replies waiting or in flight beyond which new ones are dropped (a stuck provider must not eat memory). Default 10 000. */
  maxQueued?: number;
  /** [0, 1) source for jitter; defaults to Math.random. */
  random?: () => number;
  /** Told of each reply sent, given up on ('failed'), and of each retry scheduled (the activity counters). */
  onOutcome?: (outcome: 'sent' | 'failed' | 'retried') => void;
}

/** Last 4 digits only: enough to correlate in logs without writing users' phone numbers down. */
const maskRecipient = (to: string): string => (to.length > 4 ? `…${to.slice(-4)}` : '…');

export function createReplyQueue(opts: ReplyQueueOptions): ReplyQueue {
  const maxAttempts = opts.maxAttempts ?? 5;
  const baseDelayMs = opts.baseDelayMs ?? 500;
  const maxDelayMs = opts.maxDelayMs ?? 30_000;
  const maxQueued = opts.maxQueued ?? 10_000;
  const random = opts.random ?? Math.random;
  const inFlight = new Set<Promise<void>>();

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries from many replies spread out. */
  const delayFor = (attempt: number): number => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + random() * (ceiling / 2);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      // unref: a pending retry must not keep a shutting-down process alive
      setTimeout(resolve, ms).unref();
    });

  async function deliver(msg: OutboundMessage, onSent?: (messageId: string) => Promise<unknown>): Promise<void> {
    const to = maskRecipient(msg.to);
    for (let attempt = 1; ; attempt++) {
      let messageId: string;
      try {
        ({ messageId } = await opts.sender.send(msg));
        opts.log.debug({ to, messageId, attempt, provider: opts.sender.name }, 'whatsapp reply sent');
        opts.onOutcome?.('sent');
      } catch (err) {
        const status = err instanceof ProviderSendError ? err.status : undefined;
        const providerCode = err instanceof ProviderSendError ? err.providerCode : undefined;
        if (!isRetryableSendError(err) || attempt >= maxAttempts) {
          opts.log.error(
            { to, attempt, status, providerCode, provider: opts.sender.name, reason: (err as Error)?.message },
            'whatsapp reply failed',
          );
          opts.onOutcome?.('failed');
          return;
        }
        // The provider's Retry-After is a floor (capped by maxDelayMs: a reply minutes late is useless to a login).
        const retryAfterMs = err instanceof ProviderSendError ? (err.retryAfterMs ?? 0) : 0;
        const delayMs = Math.round(Math.max(delayFor(attempt), Math.min(retryAfterMs, maxDelayMs)));
        opts.log.warn({ to, attempt, status, providerCode, delayMs }, 'whatsapp reply will be retried');
        opts.onOutcome?.('retried');
        await sleep(delayMs);
        continue;
      }
      if (onSent) {
        try {
          await onSent(messageId);
        } catch (err) {
          opts.log.error(
            { to, messageId, reason: (err as Error)?.message },
            'whatsapp reply sent, recording it failed',
          );
        }
      }
      return;
    }
  }

  return {
    enqueue(msg, onSent) {
      if (inFlight.size >= maxQueued) {
        opts.log.error({ to: maskRecipient(msg.to), queued: inFlight.size }, 'whatsapp reply dropped: queue full');
        return;
      }
      // setImmediate: the webhook answers first; the provider call never sits on its path.
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliver(msg, onSent))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    },

    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        while (inFlight.size > 0 && Date.now() < deadline) {
          const outcome = await Promise.race([Promise.allSettled([...inFlight]), timedOut]);
          if (outcome === 'timeout') break;
        }
      } finally {
        clearTimeout(timer);
      }
      if (inFlight.size > 0) opts.log.warn({ pending: inFlight.size }, 'whatsapp replies still pending after drain');
    },
  };
}
