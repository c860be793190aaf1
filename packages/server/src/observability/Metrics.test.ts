// /metrics on the real server: request counts and latency by route template, login outcomes, webhook outcomes
// (signature-failed, duplicate, matched, unmatched) and the open long-poll gauge, each driven by real requests.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type ManualClock,
  manualClock,
  messageOf,
  startTestServer,
  type TestServer,
} from '@notp/test-utils/server';
import { Metrics } from './Metrics.js';

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('GET /metrics on the real server', () => {
  let server: TestServer;
  let clock: ManualClock;
  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const start = async (loginId = '') => {
    const res = await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ loginId }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { pendingRef: string; redirectUrl: string };
  };
  const poll = (pendingRef: string, wait?: number) =>
    fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectId}`,
        'content-type': 'application/json',
        ...(wait ? { prefer: `wait=${wait}` } : {}),
      },
      body: JSON.stringify({ pendingRef }),
    });

  beforeAll(async () => {
    clock = manualClock();
    server = await startTestServer({}, { clock });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts requests by route template and status, with a latency histogram', async () => {
    await fetch(`${server.url}/health`);
    await fetch(`${server.url}/no/such/route/${randomBytes(4).toString('hex')}`);
    const text = await scrape();
    expect(
      sample(text, 'notp_http_requests_total', 'method="GET",route="/health",status="200"'),
    ).toBeGreaterThanOrEqual(1);
    // Unknown URLs share one series: a scanner cannot blow up the cardinality.
    expect(sample(text, 'notp_http_requests_total', 'method="GET",route="(unmatched)",status="404"')).toBe(1);
    expect(text).toContain(
      'notp_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/health",status="200"}',
    );
    expect(text).toContain('notp_process_cpu_user_seconds_total');
  });

  it('counts logins started, verified, expired, and every webhook outcome; the long-poll gauge opens and closes', async () => {
    const before = await scrape();
    const delta = (text: string, name: string, labels: string) =>
      sample(text, name, labels) - sample(before, name, labels);
    const phone = '+16505551234';

    // started → held long-poll (gauge 1) → message (matched, verified) → the poll answers (gauge 0).
    const login = await start();
    const held = poll(login.pendingRef, 10);
    await eventually(async () => (sample(await scrape(), 'notp_long_polls_open') === 1 ? true : undefined));
    const sent = await server.sendWhatsApp(phone, messageOf(login.redirectUrl));
    expect(sent.status).toBe(200);
    expect((await held).status).toBe(200);
    // A message without a code (unmatched) and a bad signature (signature-failed).
    expect((await server.sendWhatsApp(phone, 'hello there')).status).toBe(200);
    const forged = await fetch(`${server.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body: '{}',
    });
    expect(forged.status).toBe(401);

    // A login left alone until it expires, then polled.
    const late = await start();
    clock.advance(11 * 60_000);
    expect((await poll(late.pendingRef)).status).toBe(410);

    const after = await scrape();
    expect(delta(after, 'notp_pending_auths_total', 'outcome="started"')).toBe(2);
    expect(delta(after, 'notp_pending_auths_total', 'outcome="verified"')).toBe(1);
    expect(delta(after, 'notp_pending_auths_total', 'outcome="expired"')).toBe(1);
    expect(delta(after, 'notp_webhook_messages_total', 'outcome="matched"')).toBe(1);
    expect(delta(after, 'notp_webhook_messages_total', 'outcome="unmatched"')).toBe(1);
    expect(delta(after, 'notp_webhook_messages_total', 'outcome="signature-failed"')).toBe(1);
    expect(sample(after, 'notp_long_polls_open')).toBe(0);
  });
});

describe('Metrics', () => {
  it('a duplicate delivery and a failed login are counted once each; instances never share series', () => {
    const a = new Metrics({ processMetrics: false });
    const b = new Metrics({ processMetrics: false });
    a.webhook('duplicate');
    a.pending('failed');
    return Promise.all([a.exposition(), b.exposition()]).then(([ta, tb]) => {
      expect(sample(ta, 'notp_webhook_messages_total', 'outcome="duplicate"')).toBe(1);
      expect(sample(ta, 'notp_pending_auths_total', 'outcome="failed"')).toBe(1);
      expect(sample(tb, 'notp_webhook_messages_total', 'outcome="duplicate"')).toBe(0);
      expect(tb).not.toContain('process_cpu');
    });
  });
});
