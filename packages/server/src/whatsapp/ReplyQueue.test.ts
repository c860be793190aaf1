// Tests for the reply queue: off-path sending, retries with backoff on retryable failures only, drain.
import { describe, expect, it } from 'vitest';
import { ProviderSendError } from './ProviderSendError.js';
import type { MessageSender, OutboundMessage } from './ports.js';
import { createReplyQueue } from './ReplyQueue.js';

interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string;
}

function recordingLog() {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (obj: Record<string, unknown>, msg: string): void => {
      lines.push({ level, obj, msg });
    };
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A sender that fails with the scripted errors first, then succeeds; records every attempt. */
function scriptedSender(failures: unknown[]) {
  const attempts: OutboundMessage[] = [];
  const sender: MessageSender = {
    name: 'cloud-api',
    capabilities: { buttons: true },
    async send(msg) {
      attempts.push(msg);
      const failure = failures.shift();
      if (failure) throw failure;
      return { messageId: `wamid.${attempts.length}` };
    },
  };
  return { sender, attempts };
}

const retryable = () => new ProviderSendError('Cloud API 429', { retryable: true, status: 429, providerCode: 80007 });
const fatal = () =>
  new ProviderSendError('Cloud API 401 code 190', { retryable: false, status: 401, providerCode: 190 });
const msg: OutboundMessage = { to: '16505551234', text: 'You are signed in to Acme (secret-ish body)' };

describe('ReplyQueue', () => {
  it('does not send on the caller’s turn, then sends once', async () => {
    const { sender, attempts } = scriptedSender([]);
    const { log } = recordingLog();
    const queue = createReplyQueue({ sender, log });
    queue.enqueue(msg);
    expect(attempts).toHaveLength(0);
    await queue.drain(1000);
    expect(attempts).toEqual([msg]);
  });

  it('reports each send, retry and give-up to onOutcome (the activity counters)', async () => {
    const { sender } = scriptedSender([retryable(), retryable(), fatal()]);
    const { log } = recordingLog();
    const outcomes: string[] = [];
    const queue = createReplyQueue({ sender, log, baseDelayMs: 1, onOutcome: (o) => outcomes.push(o) });
    queue.enqueue(msg); // 429, 429 (two retries), then 401: given up
    await queue.drain(5000);
    queue.enqueue(msg); // sent at once
    await queue.drain(5000);
    expect(outcomes).toEqual(['retried', 'retried', 'failed', 'sent']);
  });

  it('retries retryable failures with growing delays, then succeeds', async () => {
    const { sender, attempts } = scriptedSender([retryable(), retryable()]);
    const { log, lines } = recordingLog();
    const queue = createReplyQueue({ sender, log, baseDelayMs: 10, random: () => 0.999 });
    queue.enqueue(msg);
    await queue.drain(5000);
    expect(attempts).toHaveLength(3);
    const delays = lines.filter((l) => l.level === 'warn').map((l) => l.obj['delayMs'] as number);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0] as number);
    expect(lines.some((l) => l.level === 'error')).toBe(false);
  });

  it('gives up after maxAttempts and logs the provider code, never the body or full number', async () => {
    const { sender, attempts } = scriptedSender(Array.from({ length: 10 }, retryable));
    const { log, lines } = recordingLog();
    const queue = createReplyQueue({ sender, log, baseDelayMs: 1, maxAttempts: 4 });
    queue.enqueue(msg);
    await queue.drain(5000);
    expect(attempts).toHaveLength(4);
    const failed = lines.find((l) => l.level === 'error');
    expect(failed?.obj).toMatchObject({ status: 429, providerCode: 80007, attempt: 4, to: '…1234' });
    const all = JSON.stringify(lines);
    expect(all).not.toContain('secret-ish');
    expect(all).not.toContain('16505551234');
  });

  it.each([
    ['a non-retryable provider error', fatal()],
    ['an unknown error (likely a bug)', new TypeError('boom')],
  ])('does not retry %s', async (_name, failure) => {
    const { sender, attempts } = scriptedSender([failure]);
    const { log, lines } = recordingLog();
    const queue = createReplyQueue({ sender, log, baseDelayMs: 1 });
    queue.enqueue(msg);
    await queue.drain(1000);
    expect(attempts).toHaveLength(1);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('drain returns at its timeout while a retry is still waiting', async () => {
    const { sender, attempts } = scriptedSender([retryable()]);
    const { log, lines } = recordingLog();
    const queue = createReplyQueue({ sender, log, baseDelayMs: 60_000 });
    queue.enqueue(msg);
    const started = Date.now();
    await queue.drain(100);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(attempts).toHaveLength(1);
    expect(lines.some((l) => l.msg.includes('still pending'))).toBe(true);
  });

  it('drops replies beyond maxQueued instead of growing without bound', async () => {
    const { sender, attempts } = scriptedSender([]);
    const { log, lines } = recordingLog();
    const queue = createReplyQueue({ sender, log, maxQueued: 2 });
    for (let i = 0; i < 5; i++) queue.enqueue({ ...msg, text: `m${i}` });
    await queue.drain(1000);
    expect(attempts.map((a) => a.text)).toEqual(['m0', 'm1']);
    expect(lines.filter((l) => l.msg.includes('queue full'))).toHaveLength(3);
  });

  it('drain with nothing queued resolves at once', async () => {
    const { sender } = scriptedSender([]);
    const queue = createReplyQueue({ sender, log: recordingLog().log });
    await expect(queue.drain(10)).resolves.toBeUndefined();
  });
});
