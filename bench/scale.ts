// `npm run bench -- scale`: complete logins per second (start → signed webhook → pending-session → JWTs) on one
// instance vs two instances sharing PostgreSQL + Redis, in the same run, printed as a ratio. In the two-instance
// case every login crosses instances: started on one, its message delivered to the other's webhook.
// Both deployments stay up for the whole run and their rounds alternate, so a change in the machine's background
// load (2 shared cores here) hits both alike instead of skewing the ratio.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { PrivateRedis } from '../packages/server/src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres } from '../packages/server/src/store/postgres/testing/PrivatePostgres.js';
import { randomProjectId } from '@notp/test-utils/server';
import { type BenchServer, startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { median, summarize } from './latencyStats.js';
import { type Cell, printTable } from './printTable.js';
import { runLoad } from './runLoad.js';

const ROUNDS = 5; // per deployment, alternating
const ROUND_MS = 2_000; // per round
const CONCURRENCY = 16; // logins in flight, spread over the instances
const WARMUP_LOGINS = 150;

interface Deployment {
  label: string;
  servers: BenchServer[];
  login: () => Promise<void>;
  perSec: number[];
  latencies: number[];
  cpuMicros: number;
}

/** N instances of one deployment: one database, Redis, master key, project and app secret. */
async function deploy(cluster: PrivatePostgres, redis: PrivateRedis, instances: number): Promise<Deployment> {
  const env = {
    DATABASE_URL: await cluster.createDatabase('bench'),
    REDIS_URL: redis.url,
    NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
    NOTP_PROJECT_ID: randomProjectId(),
    NOTP_MANAGEMENT_KEY: `K${randomBytes(24).toString('base64url')}`,
    NOTP_CLOUD_API_APP_SECRET: randomBytes(16).toString('hex'),
  };
  const servers: BenchServer[] = [];
  // One after the other: the first creates the project and its signing key, the others find them.
  for (let i = 0; i < instances; i++) servers.push(await startBenchServer({ env }));
  const clients = servers.map((s) => new BenchLoginClient(s, agent));
  let next = 0;
  const login = async () => {
    const i = next++ % clients.length;
    const home = clients[i]!;
    const started = await home.start();
    await clients[(i + 1) % clients.length]!.deliver(started);
    await home.pendingSession(started.pendingRef);
  };
  await runLoad({ concurrency: CONCURRENCY, durationMs: 15_000, maxOps: WARMUP_LOGINS, op: login });
  const label = instances === 1 ? '1 instance' : `${instances} instances`;
  return { label, servers, login, perSec: [], latencies: [], cpuMicros: 0 };
}

async function round(d: Deployment): Promise<void> {
  const before = await Promise.all(d.servers.map((s) => s.cpuMicros()));
  const r = await runLoad({ concurrency: CONCURRENCY, durationMs: ROUND_MS, op: d.login });
  const after = await Promise.all(d.servers.map((s) => s.cpuMicros()));
  d.cpuMicros += after.reduce((sum, t, i) => sum + t - (before[i] ?? 0), 0);
  d.perSec.push(r.opsPerSec);
  d.latencies.push(...r.latencies);
}

const agent = keepAliveAgent(CONCURRENCY * 2);
const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
const deployments: Deployment[] = [];
try {
  deployments.push(await deploy(cluster, redis, 1), await deploy(cluster, redis, 2));
  for (let r = 0; r < ROUNDS; r++) {
    // ABBA order: neither deployment always goes first.
    const order = r % 2 === 0 ? deployments : [...deployments].reverse();
    for (const d of order) await round(d);
  }
  const rows: Cell[][] = deployments.map((d) => {
    const s = summarize(d.latencies);
    return [
      d.label,
      median(d.perSec),
      Math.min(...d.perSec),
      Math.max(...d.perSec),
      s.p50,
      s.p99,
      d.cpuMicros / 1000 / s.count,
      s.count,
    ];
  });
  const [one, two] = deployments.map((d) => median(d.perSec));
  printTable(
    'Scale-out: complete logins/s over PostgreSQL + Redis',
    ['deployment', 'logins/s (median)', 'min', 'max', 'p50 ms', 'p99 ms', 'notp CPU ms/login', 'logins'],
    rows,
    [
      `2 instances / 1 instance = ${((two ?? 0) / (one ?? 1)).toFixed(2)}× (medians of ${ROUNDS} alternating rounds)`,
      `${ROUND_MS / 1000} s rounds, ${CONCURRENCY} logins in flight, after ${WARMUP_LOGINS} warm-up logins per deployment.`,
      `This machine has ${availableParallelism()} core(s), shared by the instances, PostgreSQL, Redis and this load`,
      'generator: the ratio shows what a second instance adds here; on their own machines instances add their own cores.',
    ],
  );
} finally {
  agent.destroy();
  await Promise.all(deployments.flatMap((d) => d.servers.map((s) => s.close())));
  await redis.stop();
  await cluster.stop();
}
