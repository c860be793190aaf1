// The failure reasons and the completion histogram: every way a message fails a login has its own stable reason.
import { readFileSync, readdirSync } from 'node:fs';
import { errors } from '@notp/core';
import { describe, expect, it } from 'vitest';
import {
  COMPLETION_BOUNDS_MS,
  completionMetric,
  EXPIRED_METRIC,
  FAILURE_REASONS,
  failedMetric,
} from './activityMetrics.js';

const RECEIVE = new URL('../flows/notp/receive/', import.meta.url);

describe('activity metrics', () => {
  it('maps every failure the receive flow can end a login with to its own reason, not "other"', () => {
    // The codes the flow fails logins with, read from its source (a new failure must get a reason here).
    const sources = [
      ...readdirSync(RECEIVE)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => readFileSync(new URL(f, RECEIVE), 'utf8')),
      readFileSync(new URL('../flows/notp/receiveMessage.ts', import.meta.url), 'utf8'),
    ].join('\n');
    const failing = new Set(
      [...sources.matchAll(/(?:failPending\(ctx, |error: )errors\.([A-Za-z]+)/g)].map((m) => m[1] as string),
    );
    expect(failing.size).toBeGreaterThanOrEqual(7);
    for (const name of failing) {
      const def = errors[name as keyof typeof errors];
      expect(failedMetric(def.code), name).not.toBe('failed:other');
    }
  });

  it('names the reasons the console shows, stable and distinct', () => {
    expect(failedMetric(errors.senderMismatch.code)).toBe('failed:wrong-sender');
    expect(failedMetric(errors.loginDeclined.code)).toBe('failed:declined');
    expect(failedMetric(errors.phoneWithheld.code)).toBe('failed:phone-withheld');
    expect(EXPIRED_METRIC).toBe('failed:expired');
    expect(failedMetric('E999999')).toBe('failed:other');
    const reasons = FAILURE_REASONS.map(([, r]) => r);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('puts a completion time in the smallest bucket that holds it, the last bucket holding the longest login', () => {
    expect(completionMetric(0)).toBe('completion-le:1000');
    expect(completionMetric(1_000)).toBe('completion-le:1000');
    expect(completionMetric(1_001)).toBe('completion-le:2000');
    expect(completionMetric(86_400_000)).toBe('completion-le:86400000');
    expect(completionMetric(10 * 86_400_000)).toBe('completion-le:86400000');
    expect([...COMPLETION_BOUNDS_MS].sort((a, b) => a - b)).toEqual(COMPLETION_BOUNDS_MS);
  });
});
