// Metrics: the Prometheus metrics of one server instance (prom-client, own registry so instances never share state).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type PendingOutcome = 'started' | 'verified' | 'failed' | 'expired';
export type WebhookOutcome = 'signature-failed' | 'duplicate' | 'matched' | 'unmatched';

export interface MetricsOptions {
  /** Also export Node's process metrics (CPU, memory, event-loop lag, handles); default true. */
  processMetrics?: boolean;
}

/** Latency buckets, seconds: from a cached-key validation (~1 ms) to a full long-poll (30 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly pendingAuths: Counter<'outcome'>;
  private readonly webhookMessages: Counter<'outcome'>;
  private readonly longPolls: Gauge;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'notp_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'notp_http_request_duration_seconds',
      help: 'Time from request to response, by method, route template and status code (long-polls included).',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.pendingAuths = new Counter({
      name: 'notp_pending_auths_total',
      help:
        'nOTP logins: started (pending auth created), verified or failed (by a WhatsApp message), ' +
        'expired (a pending-session call found it expired).',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookMessages = new Counter({
      name: 'notp_webhook_messages_total',
      help:
        'Inbound WhatsApp: signature-failed (deliveries refused), duplicate (redelivered message), ' +
        'matched (completed or failed a live login), unmatched (no code, unknown code, or login no longer live).',
      labelNames: ['outcome'],
      registers,
    });
    this.longPolls = new Gauge({
      name: 'notp_long_polls_open',
      help: 'pending-session requests held open right now (Prefer: wait) on this instance.',
      registers,
    });
    // Zero-initialised so dashboards see every series from the first scrape, not only after the first event.
    for (const o of ['started', 'verified', 'failed', 'expired'] satisfies PendingOutcome[])
      this.pendingAuths.inc({ outcome: o }, 0);
    for (const o of ['signature-failed', 'duplicate', 'matched', 'unmatched'] satisfies WebhookOutcome[]) {
      this.webhookMessages.inc({ outcome: o }, 0);
    }
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'notp_' });
  }

  /** One answered HTTP request; `route` is the route template (never the raw URL: ids would explode cardinality). */
  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  pending(outcome: PendingOutcome): void {
    this.pendingAuths.inc({ outcome });
  }

  webhook(outcome: WebhookOutcome): void {
    this.webhookMessages.inc({ outcome });
  }

  longPollOpened(): void {
    this.longPolls.inc();
  }

  longPollClosed(): void {
    this.longPolls.dec();
  }

  /** The Prometheus text exposition of every metric. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
