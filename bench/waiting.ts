// `npm run bench -- waiting [N]`: N concurrent waiting logins (held pending-session long-polls) on one instance —
// server memory per waiting login — then wakes them all with their WhatsApp messages. Default N = 10,000.
// Needs N + a few hundred file descriptors in each process: run `ulimit -n 65536` first if `ulimit -n` is lower.
import { startBenchServer } from './benchServer.js';
import { BenchLoginClient, type StartedLogin } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { msSince, summarize } from './latencyStats.js';
import { printTable } from './printTable.js';

const N = Number(process.argv[2] ?? process.env.NOTP_BENCH_WAITING ?? 10_000);
const START_CONCURRENCY = 8;
const WAKE_CONCURRENCY = 16; // webhooks in flight while waking
const WAIT_SEC = 30; // the contract's longest hold
const DEADLINE_MS = 120_000; // for all N to be held
const HOLD_BATCH = 500; // long-polls opened at once
const HANG_UP_SETTLE_MS = 1_000; // for the server to see N sockets close

if (!Number.isInteger(N) || N < 1) throw new Error(`N must be a positive integer, got ${process.argv[2]}`);

/** Runs `op` over `items` with at most `concurrency` in flight. */
async function each<T>(items: T[], concurrency: number, op: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await op(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const server = await startBenchServer();
const control = keepAliveAgent(START_CONCURRENCY * 2);
const holders = keepAliveAgent(N + 16); // one socket per held request
const client = new BenchLoginClient(server, control);
const waiting = new BenchLoginClient(server, holders);

try {
  // 1. N pending logins (SVG: the QR is not what this measures), and the server's settled memory before any hold.
  const t0 = process.hrtime.bigint();
  const logins: StartedLogin[] = [];
  await each(
    Array.from({ length: N }, (_, i) => i),
    START_CONCURRENCY,
    async () => logins.push(await client.start(undefined, 'svg')),
  );
  const startMs = msSince(t0);
  const before = await server.memory();

  // 2. N held long-polls; wait (polling the server's gauge, with a deadline) until all are held.
  const answered = new Map<string, number>(); // pendingRef → ms from its webhook to its JWTs
  const sentAt = new Map<string, bigint>();
  let repolls = 0; // waits that elapsed before the login's message came (the client asks again, as our SDK does)
  const holdStart = process.hrtime.bigint();
  const deadline = Date.now() + DEADLINE_MS;
  const polls: Promise<void>[] = [];
  let held = 0;
  // Open the holds in batches (a burst of 10,000 connects overflows the listen backlog) and let each batch settle.
  for (let from = 0; from < N; from += HOLD_BATCH) {
    for (const login of logins.slice(from, from + HOLD_BATCH)) {
      polls.push(
        waiting.waitForTokens(login.pendingRef, WAIT_SEC).then((requests) => {
          repolls += requests - 1;
          const sent = sentAt.get(login.pendingRef);
          answered.set(login.pendingRef, sent === undefined ? Number.NaN : msSince(sent));
        }),
      );
    }
    const target = Math.min(N, from + HOLD_BATCH);
    held = await server.heldLongPolls();
    while (held < target) {
      if (Date.now() > deadline) throw new Error(`only ${held} of ${N} long-polls held after ${DEADLINE_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      held = await server.heldLongPolls();
    }
  }
  const holdMs = msSince(holdStart);
  const during = await server.memory();

  // 3. Wake them all: each user's message arrives; every held request answers with its JWTs.
  const wakeStart = process.hrtime.bigint();
  await each(logins, WAKE_CONCURRENCY, async (login) => {
    sentAt.set(login.pendingRef, process.hrtime.bigint());
    await client.deliver(login);
  });
  await Promise.all(polls);
  const wakeMs = msSince(wakeStart);
  const after = await server.memory();
  const heldAfter = await server.heldLongPolls();
  const wake = summarize([...answered.values()]);
  // The answered requests' sockets stay open in the client's keep-alive pool: hang them up and measure again, so
  // what stays in the heap after that is what the server itself keeps.
  holders.destroy();
  await new Promise((resolve) => setTimeout(resolve, HANG_UP_SETTLE_MS));
  const hungUp = await server.memory();

  const perLogin = (a: number, b: number) => (b - a) / N;
  printTable(
    `waiting: ${N} concurrent waiting logins on one instance`,
    ['measure', 'value'],
    [
      ['held long-polls (server gauge)', held],
      ['RSS per waiting login (bytes)', Math.round(perLogin(before.rss, during.rss))],
      ['JS heap per waiting login (bytes)', Math.round(perLogin(before.heapUsed, during.heapUsed))],
      ['server RSS before holding (MB)', before.rss / 2 ** 20],
      ['server RSS with all held (MB)', during.rss / 2 ** 20],
      ['held long-polls after all answered', heldAfter],
      ['server RSS after all answered (MB)', after.rss / 2 ** 20],
      ['heap after all answered − before (MB)', (after.heapUsed - before.heapUsed) / 2 ** 20],
      ['heap after the clients hung up − before (MB)', (hungUp.heapUsed - before.heapUsed) / 2 ** 20],
      ['time to start N logins (s)', startMs / 1000],
      ['time until all N were held (s)', holdMs / 1000],
      ['time to wake all N with webhooks (s)', wakeMs / 1000],
      ['webhook → JWTs while waking, p50 (ms)', wake.p50],
      ['webhook → JWTs while waking, p99 (ms)', wake.p99],
      [`waits that elapsed (${WAIT_SEC} s) and were asked again`, repolls],
    ],
    [
      'Memory: the server process after two forced full GCs, before the holds and with all N held (so it counts the',
      `socket, the parsed request, the timer and the event subscription of each). Waking: ${WAKE_CONCURRENCY} webhooks in flight;`,
      'each answer carries a session JWT and a refresh JWT (RS256).',
    ],
  );
} finally {
  control.destroy();
  holders.destroy();
  await server.close();
}
