// Closed-loop load: `concurrency` workers repeat `op` until the time or count budget is spent; every op is timed.
import { msSince } from './latencyStats.js';

export interface LoadResult {
  ops: number;
  elapsedMs: number;
  opsPerSec: number;
  /** Milliseconds per op, in completion order. */
  latencies: number[];
}

export async function runLoad(p: {
  concurrency: number;
  durationMs: number;
  /** Stop after this many ops even if time remains (bounds a benchmark on a fast machine). */
  maxOps?: number;
  op: () => Promise<unknown>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const maxOps = p.maxOps ?? Number.POSITIVE_INFINITY;
  let started = 0;
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + p.durationMs;
  const worker = async () => {
    while (Date.now() < deadline && started < maxOps) {
      started++;
      const t = process.hrtime.bigint();
      await p.op();
      latencies.push(msSince(t));
    }
  };
  await Promise.all(Array.from({ length: p.concurrency }, worker));
  const elapsedMs = msSince(t0);
  return { ops: latencies.length, elapsedMs, opsPerSec: (latencies.length * 1000) / elapsedMs, latencies };
}
