// `npm run bench -- perLogin`: what one login costs with N = 1, 2, 3 instances sharing PostgreSQL + Redis — database
// statements, Redis commands and messages, CPU per login — counted in each server process (bench/countIo.ts). Every
// login crosses instances: started and long-polled on one, its WhatsApp message delivered to the next.
import { randomBytes } from 'node:crypto';
import { PrivateRedis } from '../packages/server/src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres } from '../packages/server/src/store/postgres/testing/PrivatePostgres.js';
import { randomProjectId } from '@notp/test-utils/server';
import { type BenchServer, startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import type { IoCounts } from './countIo.js';
import { keepAliveAgent } from './httpJson.js';
import { type Cell, printTable } from './printTable.js';
import { runLoad } from './runLoad.js';

const LOGINS = Number(process.argv[2] ?? 450); // measured per deployment
const WARMUP = 150; // per instance: each instance's JIT warms on its own logins
const CONCURRENCY = 8;
const agent = keepAliveAgent(CONCURRENCY * 4);
const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
const servers: BenchServer[] = [];
const rows: Cell[][] = [];

async function measure(instances: number, concurrency = CONCURRENCY): Promise<void> {
  const env = {
    DATABASE_URL: await cluster.createDatabase('perlogin'),
    REDIS_URL: redis.url,
    NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
    NOTP_PROJECT_ID: randomProjectId(),
    NOTP_MANAGEMENT_KEY: `K${randomBytes(24).toString('base64url')}`,
    NOTP_CLOUD_API_APP_SECRET: randomBytes(16).toString('hex'),
  };
  const mine: BenchServer[] = [];
  for (let i = 0; i < instances; i++) mine.push(await startBenchServer({ env }));
  servers.push(...mine);
  const clients = mine.map((s) => new BenchLoginClient(s, agent));
  let next = 0;
  const login = async () => {
    const i = next++ % clients.length;
    const home = clients[i] as BenchLoginClient;
    const started = await home.start();
    const tokens = home.pendingSession(started.pendingRef, 10); // long-poll: held, then woken through Redis
    await (clients[(i + 1) % clients.length] as BenchLoginClient).deliver(started);
    await tokens;
  };
  await runLoad({ concurrency, durationMs: 60_000, maxOps: WARMUP * instances, op: login });
  const before = await Promise.all(mine.map((s) => s.io()));
  const r = await runLoad({ concurrency, durationMs: 120_000, maxOps: LOGINS, op: login });
  const after = await Promise.all(mine.map((s) => s.io()));
  const n = r.latencies.length;
  const delta = (k: keyof IoCounts, i: number) => ((after[i] as IoCounts)[k] - (before[i] as IoCounts)[k]) / n;
  const sum = (k: keyof IoCounts) => mine.reduce((t, _s, i) => t + delta(k, i), 0);
  const cpuShares = mine.map((_s, i) => (delta('cpuMicros', i) * instances) / 1000); // per login it served
  rows.push([
    instances,
    concurrency,
    n,
    sum('dbStatements'),
    sum('redisCommands'),
    sum('redisMessages'),
    sum('cpuMicros') / 1000,
    Math.min(...cpuShares),
    Math.max(...cpuShares),
  ]);
}

/** One instance, logins one at a time, counters read between the phases: what each request of a login costs. */
async function phases(): Promise<Cell[][]> {
  const [server] = servers;
  if (!server) throw new Error('no server');
  const client = new BenchLoginClient(server, agent);
  const total: Record<string, IoCounts> = {};
  const add = (phase: string, a: IoCounts, b: IoCounts) => {
    const t = total[phase] ?? { dbStatements: 0, redisCommands: 0, redisMessages: 0, cpuMicros: 0 };
    total[phase] = t;
    for (const k of Object.keys(t) as (keyof IoCounts)[]) t[k] += b[k] - a[k];
  };
  const n = 100;
  for (let i = 0; i < n; i++) {
    const t0 = await server.io();
    const started = await client.start();
    const t1 = await server.io();
    await client.deliver(started);
    const t2 = await server.io();
    await client.pendingSession(started.pendingRef);
    const t3 = await server.io();
    add('start (QR PNG)', t0, t1);
    add('webhook (verify, publish)', t1, t2);
    add('pending-session (consume, sign 2 JWTs)', t2, t3);
  }
  return Object.entries(total).map(([phase, t]) => [
    phase,
    t.dbStatements / n,
    t.redisCommands / n,
    t.cpuMicros / n / 1000,
  ]);
}

try {
  for (const instances of [1, 2, 3]) await measure(instances);
  // Control: one instance as lightly loaded as each of three (fewer logins per event-loop turn, nothing else changes).
  await measure(1, Math.round(CONCURRENCY / 3));
  const byPhase = await phases();
  printTable(
    'perLogin: cost of one login with N instances (PostgreSQL + Redis), summed over the instances',
    [
      'N',
      'in flight',
      'logins',
      'DB statements',
      'Redis commands',
      'Redis messages in',
      'CPU ms',
      'CPU ms/login min inst',
      'max inst',
    ],
    rows,
    [
      `${LOGINS} logins per row after ${WARMUP} warm-up logins per instance; each login = start + long-poll on instance i,`,
      'webhook on instance i+1. Counted in the server processes at pg.Client#query and ioredis (bench/countIo.ts).',
      'A publish reaches only the instance holding that login (one channel per pending auth), so nothing grows with N.',
      'CPU per instance = its CPU ÷ (logins ÷ N): the share of a login each instance carries. The last row is a',
      'control: one instance with as few logins in flight as each of three instances has.',
    ],
  );
  printTable(
    'perLogin: one login by request (1 instance, logins one at a time, plain pending-session after the webhook)',
    ['request', 'DB statements', 'Redis commands', 'server CPU ms'],
    byPhase,
  );
} finally {
  agent.destroy();
  await Promise.all(servers.map((s) => s.close()));
  await redis.stop();
  await cluster.stop();
}
