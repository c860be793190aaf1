// `npm run bench -- wake`: webhook → JWTs for a held long-poll over PostgreSQL + Redis, on one instance and across
// two (held on A, the WhatsApp message delivered to B, woken through Redis). Goal across instances: p50 < 10 ms,
// p99 < 20 ms. Also splits each login into the webhook's own answer time and the wake-up after it.
import { randomBytes } from 'node:crypto';
import { PrivateRedis } from '../packages/server/src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres } from '../packages/server/src/store/postgres/testing/PrivatePostgres.js';
import { randomProjectId } from '@notp/test-utils/server';
import { type BenchServer, startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { msSince, percentile, summarize } from './latencyStats.js';
import { printTable } from './printTable.js';

const ROUNDS = 3;
const LOGINS = 100; // per deployment per round, one at a time: latency, not queueing
const DEADLINE_MS = 5_000;

interface Deployment {
  label: string;
  holder: BenchServer;
  holderClient: BenchLoginClient;
  webhookClient: BenchLoginClient;
  total: number[];
  webhook: number[];
}

const agent = keepAliveAgent(16);
const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
const servers: BenchServer[] = [];

async function deploy(instances: 1 | 2): Promise<Deployment> {
  const env = {
    DATABASE_URL: await cluster.createDatabase('wake'),
    REDIS_URL: redis.url,
    NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
    NOTP_PROJECT_ID: randomProjectId(),
    NOTP_MANAGEMENT_KEY: `K${randomBytes(24).toString('base64url')}`,
    NOTP_CLOUD_API_APP_SECRET: randomBytes(16).toString('hex'),
  };
  const a = await startBenchServer({ env });
  const b = instances === 2 ? await startBenchServer({ env }) : a;
  servers.push(...new Set([a, b]));
  const label = instances === 1 ? '1 instance (PostgreSQL + Redis)' : '2 instances: held on A, message to B';
  const holderClient = new BenchLoginClient(a, agent);
  return { label, holder: a, holderClient, webhookClient: new BenchLoginClient(b, agent), total: [], webhook: [] };
}

async function held(target: BenchServer): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while ((await target.heldLongPolls()) < 1) {
    if (Date.now() > deadline) throw new Error(`no long-poll held within ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One login: long-poll on the holder, message to the other instance; returns [total ms, webhook answer ms]. */
async function login(d: Deployment): Promise<[number, number]> {
  const started = await d.holderClient.start();
  const tokens = d.holderClient.pendingSession(started.pendingRef, 20);
  await held(d.holder);
  const sent = process.hrtime.bigint();
  await d.webhookClient.deliver(started);
  const webhookMs = msSince(sent);
  await tokens;
  return [msSince(sent), webhookMs];
}

try {
  const deployments = [await deploy(1), await deploy(2)];
  for (const d of deployments) for (let i = 0; i < 20; i++) await login(d); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? deployments : [...deployments].reverse();
    for (const d of order) {
      for (let i = 0; i < LOGINS; i++) {
        const [total, webhook] = await login(d);
        d.total.push(total);
        d.webhook.push(webhook);
      }
    }
  }
  const rows = deployments.map((d) => {
    const s = summarize(d.total);
    const after = d.total.map((t, i) => t - (d.webhook[i] ?? 0));
    return [
      d.label,
      s.count,
      s.p50,
      s.p99,
      s.max,
      percentile(d.webhook, 50),
      percentile(after, 50),
      percentile(after, 99),
    ];
  });
  const two = summarize(deployments[1]?.total ?? []);
  printTable(
    'wake: webhook sent → held long-poll holds the JWTs (ms), PostgreSQL + Redis',
    ['deployment', 'logins', 'p50', 'p99', 'max', 'webhook answer p50', 'after answer p50', 'after answer p99'],
    rows,
    [
      `across instances: p50 ${two.p50.toFixed(2)} ms (goal < 10 ms), p99 ${two.p99.toFixed(2)} ms (goal < 20 ms)`,
      `${ROUNDS} rounds × ${LOGINS} logins per deployment, one at a time, rounds alternating; RS256 tokens.`,
      '"after answer" = JWTs received minus the webhook answer (negative when the tokens arrive first).',
    ],
  );
} finally {
  agent.destroy();
  await Promise.all(servers.map((s) => s.close()));
  await redis.stop();
  await cluster.stop();
}
