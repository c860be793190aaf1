// `npm run bench -- login`: full logins per second (start → webhook → pending-session → JWTs) on SQLite, and on
// PostgreSQL: DATABASE_URL=postgres://… if given, else a private cluster when PostgreSQL is installed here.
import {
  PrivatePostgres,
  postgresUnavailableReason,
} from '../packages/server/src/store/postgres/testing/PrivatePostgres.js';
import { startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { median, summarize } from './latencyStats.js';
import { type Cell, printTable } from './printTable.js';
import { runLoad } from './runLoad.js';

const ROUNDS = 5;
const ROUND_MS = 2_000; // per round
const CONCURRENCY = 8; // logins in flight
const WARMUP_LOGINS = 200;

async function measure(label: string, env: Record<string, string>): Promise<Cell[]> {
  const server = await startBenchServer({ env });
  const agent = keepAliveAgent(CONCURRENCY * 2);
  try {
    const client = new BenchLoginClient(server, agent);
    await runLoad({ concurrency: CONCURRENCY, durationMs: 10_000, maxOps: WARMUP_LOGINS, op: () => client.login() });
    const perSec: number[] = [];
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const r = await runLoad({ concurrency: CONCURRENCY, durationMs: ROUND_MS, op: () => client.login() });
      perSec.push(r.opsPerSec);
      latencies.push(...r.latencies);
    }
    const s = summarize(latencies);
    return [label, median(perSec), Math.min(...perSec), Math.max(...perSec), s.p50, s.p99, s.count];
  } finally {
    agent.destroy();
    await server.close();
  }
}

const rows: Cell[][] = [await measure('SQLite (embedded default)', {})];
let postgresNote = '';
const givenUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
if (givenUrl) {
  rows.push(await measure('PostgreSQL (DATABASE_URL)', { DATABASE_URL: givenUrl }));
} else if (postgresUnavailableReason() === null) {
  const cluster = await PrivatePostgres.start();
  try {
    rows.push(
      await measure('PostgreSQL (private local cluster)', { DATABASE_URL: await cluster.createDatabase('bench') }),
    );
  } finally {
    await cluster.stop();
  }
} else {
  postgresNote = `PostgreSQL: not measured (${postgresUnavailableReason()}; or set DATABASE_URL=postgres://…).`;
}

printTable(
  'login: full logins per second (start → signed webhook → pending-session → session + refresh JWT)',
  ['store', 'logins/s (median)', 'min', 'max', 'p50 ms', 'p99 ms', 'logins'],
  rows,
  [
    `${ROUNDS} rounds × ${ROUND_MS / 1000} s, ${CONCURRENCY} logins in flight, server in its own process, loopback HTTP,`,
    'RS256 signing (the default), rate limits off.',
    postgresNote,
  ].filter(Boolean),
);
