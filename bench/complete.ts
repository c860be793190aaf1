// `npm run bench -- complete`: webhook-to-JWTs latency, our long-poll (Prefer: wait) vs the official SDK's 1-second
// polling (@descope/core-js-sdk waitForSession at its fastest allowed interval), same server, same run.
// Goal: long-poll p99 < 10 ms and ≥ 20× better than polling's mean.
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import createDescopeSdk from '@descope/core-js-sdk';
import { createCoreSdk } from '@notp/core';
import { type BenchServer, type StallReport, startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { msSince, summarize } from './latencyStats.js';
import { printTable } from './printTable.js';

const ROUNDS = 3;
const LONG_POLL_LOGINS = 100; // per round, one at a time: latency, not queueing
const POLLING_LOGINS = 30; // per round, all at once (each takes seconds)
const POLL_INTERVAL_MS = 1_000; // the official SDKs' floor
const DEADLINE_MS = 5_000; // for the server to report a held request

const server = await startBenchServer();
// The same long-poll against a project that signs with ES256: how much of the latency is RS256 signing.
const es256Server = await startBenchServer({ signingAlg: 'ES256' });
const agent = keepAliveAgent(64);
const client = new BenchLoginClient(server, agent);
const es256Client = new BenchLoginClient(es256Server, agent);
const ours = createCoreSdk({ projectId: server.projectId, baseUrl: server.url });
const oursEs256 = createCoreSdk({ projectId: es256Server.projectId, baseUrl: es256Server.url });
const official = createDescopeSdk({ projectId: server.projectId, baseUrl: server.url });

/** Resolves once the server holds `n` long-polls (its gauge), polling it with a deadline. */
async function heldRequests(target: BenchServer, n: number): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while ((await target.heldLongPolls()) < n) {
    if (Date.now() > deadline) throw new Error(`the server did not hold ${n} long-poll(s) within ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One login: the app long-polls; we measure from sending the webhook to the app holding the JWTs. */
async function longPollLogin(es256 = false): Promise<number> {
  const [target, bench, sdk] = es256 ? [es256Server, es256Client, oursEs256] : [server, client, ours];
  const login = await bench.start();
  const session = sdk.notp.waitForSession(login.pendingRef, { timeoutMs: 30_000 });
  await heldRequests(target, 1);
  const sent = process.hrtime.bigint();
  const from = performance.now();
  await bench.deliver(login);
  const result = await session;
  const ms = msSince(sent);
  if (!result.ok) throw new Error(`long-poll failed: ${JSON.stringify(result.error)}`);
  if (!es256 && measuring) rs256Windows.push({ from, to: performance.now(), ms });
  return ms;
}

/** One login: the official SDK polls every second; the user's message lands at a random moment of that cycle. */
async function pollingLogin(): Promise<number> {
  const login = await client.start();
  const session = official.notp.waitForSession(login.pendingRef, {
    pollingIntervalMs: POLL_INTERVAL_MS,
    timeoutMs: 30_000,
  });
  await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS + Math.random() * 2 * POLL_INTERVAL_MS));
  const sent = process.hrtime.bigint();
  await client.deliver(login);
  const result = await session;
  const ms = msSince(sent);
  if (!result.ok) throw new Error(`polling failed: ${JSON.stringify(result.error)}`);
  return ms;
}

// The client's own GC pauses (this process: the SDKs, undici, the bench), which land in its measured latencies too.
const clientGc = { pauses: 0, max: 0, total: 0, major: 0 };
const clientGcSpans: { from: number; to: number }[] = [];
/** Each measured RS256 long-poll login: its time span in this process's clock, and its latency. */
const rs256Windows: { from: number; to: number; ms: number }[] = [];
let measuring = false; // not during the warm-up
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number; flags?: number } }).detail;
    if ((detail?.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) continue; // our own gc() between rounds
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) clientGc.major++;
    clientGcSpans.push({ from: entry.startTime, to: entry.startTime + entry.duration });
    clientGc.pauses++;
    clientGc.total += entry.duration;
    clientGc.max = Math.max(clientGc.max, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const longPoll: number[] = [];
const longPollEs256: number[] = [];
const polling: number[] = [];
const serverStalls: StallReport[] = [];
try {
  for (let i = 0; i < 20; i++) await Promise.all([longPollLogin(), longPollLogin(true)]); // warm-up
  measuring = true;
  for (let round = 0; round < ROUNDS; round++) {
    // The client's leftovers (module loading, the warm-up, the previous round's polling logins) are collected here,
    // not inside a measured login: run by `npm run bench`, this process has --expose-gc. The servers are never forced.
    globalThis.gc?.();
    globalThis.gc?.();
    await Promise.all([server.stalls(), es256Server.stalls()]); // the long-poll logins' period starts here
    for (let i = 0; i < LONG_POLL_LOGINS; i++) {
      longPoll.push(await longPollLogin());
      longPollEs256.push(await longPollLogin(true));
    }
    serverStalls.push(await server.stalls());
    polling.push(...(await Promise.all(Array.from({ length: POLLING_LOGINS }, pollingLogin))));
  }
} finally {
  agent.destroy();
  await Promise.all([server.close(), es256Server.close()]);
}

const lp = summarize(longPoll);
const es = summarize(longPollEs256);
const po = summarize(polling);
printTable(
  'complete: webhook sent → app holds the JWTs (ms)',
  ['client', 'logins', 'p50', 'p99', 'mean', 'max'],
  [
    ['notp SDK waitForSession (long-poll, Prefer: wait)', lp.count, lp.p50, lp.p99, lp.mean, lp.max],
    ['the same long-poll, project signing with ES256', es.count, es.p50, es.p99, es.mean, es.max],
    ['@descope/core-js-sdk waitForSession (1 s polling)', po.count, po.p50, po.p99, po.mean, po.max],
  ],
  [
    `ratio polling mean / long-poll p99: ${(po.mean / lp.p99).toFixed(1)}× (goal ≥ 20×); long-poll p99 ${lp.p99.toFixed(2)} ms (goal < 10 ms)`,
    `ratio of means: ${(po.mean / lp.mean).toFixed(1)}×; ratio of p99s: ${(po.p99 / lp.p99).toFixed(1)}×`,
    `${ROUNDS} rounds: ${LONG_POLL_LOGINS} long-poll logins per algorithm one at a time (the request is held before the webhook is sent),`,
    `then ${POLLING_LOGINS} polling logins at once, each message sent at a random point 1–3 s into polling. The latency`,
    'includes the webhook itself (signature, lookup by code hash, update, publish) and issuing both JWTs (RS256 unless noted).',
  ],
);
// Whether the tail is the server's: its event loop's delay and its GC pauses during each round's RS256 long-polls.
const slowest = [...rs256Windows]
  .sort((a, b) => b.ms - a.ms)
  .slice(0, Math.max(1, Math.ceil(rs256Windows.length / 100)));
const duringClientGc = (w: { from: number; to: number }) => clientGcSpans.some((g) => g.from < w.to && g.to > w.from);
printTable(
  'complete: what held the RS256 server’s event loop during the long-poll logins (ms, per round)',
  ['round', 'loop delay p50', 'p99', 'max', 'GC pauses', 'GC total', 'GC max'],
  serverStalls.map((s, i) => [i + 1, s.loopDelayP50, s.loopDelayP99, s.loopDelayMax, s.gcPauses, s.gcTotal, s.gcMax]),
  [
    'A long-poll login longer than the loop delay max plus its usual p50 was held up outside the server (the client, the OS).',
    `The client process (the SDKs, undici, this bench), whole run: ${clientGc.pauses} GC pauses (${clientGc.major} of them full), ${clientGc.total.toFixed(1)} ms in all, the longest ${clientGc.max.toFixed(2)} ms.`,
    `The ${slowest.length} slowest RS256 long-poll logins (the p99 and above): ${slowest.map((w) => `${w.ms.toFixed(2)} ms${duringClientGc(w) ? ' (a client GC pause fell inside it)' : ''}`).join(', ')}.`,
  ],
);
