// `npm run bench -- start`: starts per second over HTTP against the floor (QR matrix + PNG encode + one pending-auth
// insert, no HTTP) measured in the same run; goal ≥ 0.7 of the floor.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '../packages/server/src/deps.js';
import { MESSAGE_CODE_LENGTH, newMessageCode } from '../packages/server/src/flows/notp/messageCode.js';
import { renderQr } from '../packages/server/src/qr/renderQr.js';
import { createStore } from '../packages/server/src/store/createStore.js';
import { newPendingAuthRecord } from '../packages/server/src/store/newPendingAuthRecord.js';
import type { PendingAuthRecord, Store } from '../packages/server/src/store/ports.js';
import { defaultProjectSettings } from '../packages/server/src/projects/defaults.js';
import { startBenchServer } from './benchServer.js';
import { BenchLoginClient } from './BenchLoginClient.js';
import { keepAliveAgent } from './httpJson.js';
import { median } from './latencyStats.js';
import { printTable } from './printTable.js';
import { runLoad } from './runLoad.js';

const ROUNDS = 5;
const ROUND_MS = 1_500; // per contender per round
const CONCURRENCY = 4; // starts in flight: enough to keep one server core busy
const FLOOR_PROJECT = 'PfloorFloorFloorFloorFloor00';

/** One pending-auth row shaped like a real start's (random ids and hashes, so the unique indexes do their work). */
function pendingRecord(now: number): PendingAuthRecord {
  return newPendingAuthRecord({
    id: randomBytes(12).toString('base64url'),
    projectId: FLOOR_PROJECT,
    refHash: randomBytes(32).toString('hex'),
    codeHash: randomBytes(32).toString('hex'),
    kind: 'signup-in',
    request: { loginId: '+16505550123', loginIdKind: 'phone', ip: '127.0.0.1', userAgent: 'bench' },
    expectedPhone: '+16505550123',
    createdAt: now,
    expiresAt: now + 600_000,
  });
}

async function floorStore(dir: string): Promise<Store> {
  const store = await createStore(`sqlite:${join(dir, 'floor.db')}`);
  await store.projects.create({
    projectId: FLOOR_PROJECT,
    name: 'floor',
    managementKeyHash: 'x',
    settings: defaultProjectSettings({ sessionTtlSec: 600, refreshTtlSec: 2_419_200, pendingTtlSec: 600 }),
    createdAt: Date.now(),
  });
  return store;
}

const dir = mkdtempSync(join(tmpdir(), 'notp-bench-floor-'));
const store = await floorStore(dir);
const server = await startBenchServer();
const agent = keepAliveAgent(CONCURRENCY * 2);
const client = new BenchLoginClient(server, agent);

// The floor renders links like the ones starts render: same text and length (so the same QR version), and, as in a
// start, a fresh code in each, so no two renders encode the same data. Rendering one link over and over would let
// the CPU's caches and branch predictors learn it (about 5% cheaper here) and flatter the floor's cost. The links
// are made before the timed rounds: the floor is the QR + PNG + insert only.
const { messageText } = await client.start();
const codeAt = messageText.length - MESSAGE_CODE_LENGTH;
const floorLinks = Array.from(
  { length: 4_096 },
  () =>
    `${server.url}/simulator/chat?text=${encodeURIComponent(messageText.slice(0, codeAt) + newMessageCode(systemRandom))}`,
);
let nextLink = 0;
const floorOp = async () => {
  renderQr(floorLinks[nextLink++ % floorLinks.length] as string, 'png');
  await store.pendingAuths.create(pendingRecord(Date.now()));
};

/** Runs one contender for a round: its throughput, and the CPU µs per op of the process doing the work. */
async function round(
  op: () => Promise<unknown>,
  concurrency: number,
  cpuMicros: () => Promise<number>,
): Promise<{ opsPerSec: number; cpuPerOp: number }> {
  const before = await cpuMicros();
  const r = await runLoad({ concurrency, durationMs: ROUND_MS, op });
  return { opsPerSec: r.opsPerSec, cpuPerOp: ((await cpuMicros()) - before) / r.ops };
}
const ownCpu = async () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const contenders = {
  floor: () => round(floorOp, 1, ownCpu),
  png: () => round(() => client.start(), CONCURRENCY, server.cpuMicros),
  svg: () => round(() => client.start(undefined, 'svg'), CONCURRENCY, server.cpuMicros),
};
type Name = keyof typeof contenders;
const perSec: Record<Name, number[]> = { floor: [], png: [], svg: [] };
const cpuPerOp: Record<Name, number[]> = { floor: [], png: [], svg: [] };

try {
  for (const name of Object.keys(contenders) as Name[]) await contenders[name](); // warm-up (JIT, caches)
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round, so the shared machine's drifting load hits every contender alike.
    const order = (Object.keys(contenders) as Name[]).map((_, i, all) => all[(i + round) % all.length] as Name);
    for (const name of order) {
      const r = await contenders[name]();
      perSec[name].push(r.opsPerSec);
      cpuPerOp[name].push(r.cpuPerOp);
    }
  }
} finally {
  agent.destroy();
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const floor = median(perSec.floor);
const floorCpu = median(cpuPerOp.floor);
const row = (label: string, name: Name) => {
  const m = median(perSec[name]);
  const cpu = median(cpuPerOp[name]);
  return [label, m, Math.min(...perSec[name]), Math.max(...perSec[name]), m / floor, cpu / 1000, floorCpu / cpu];
};
printTable(
  'start: starts per second vs the floor (same run)',
  ['contender', 'ops/s (median)', 'min', 'max', 'ratio to floor', 'CPU ms/op', 'CPU ratio to floor'],
  [
    row('floor: QR matrix + PNG + one insert (no HTTP)', 'floor'),
    row('POST signup-in, image PNG (default)', 'png'),
    row('POST signup-in, image SVG (qrFormat)', 'svg'),
  ],
  [
    `${ROUNDS} rounds × ${ROUND_MS / 1000} s per contender (order rotated each round); HTTP: ${CONCURRENCY} in flight,`,
    'server in its own process, keep-alive loopback, rate limits off. Goal: PNG start ≥ 0.7 of the floor.',
    'CPU ms/op: CPU time of the process doing the work (the server for HTTP rows) per op — steadier than ops/s on',
    'a shared machine; CPU ratio = floor CPU / contender CPU.',
  ],
);
