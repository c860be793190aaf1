// Starts a real notp server in a child process (its own event loop and core) and talks to it over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { IoCounts } from './countIo.js';

export interface BenchServerReady {
  type: 'ready';
  url: string;
  projectId: string;
  managementKey: string;
  appSecret: string;
  whatsappNumber: string;
  phoneNumberId: string;
}

export type ParentMessage = { id: number; type: 'memory' | 'cpu' | 'io' | 'held' | 'stalls' | 'close' };

/** What held the server's event loop since the last report: its delay histogram and V8's GC pauses, ms. */
export interface StallReport {
  loopDelayP50: number;
  loopDelayP99: number;
  loopDelayMax: number;
  gcPauses: number;
  gcTotal: number;
  gcMax: number;
}

export interface BenchServer extends Omit<BenchServerReady, 'type'> {
  /** The server process's memory after two forced full GCs. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** CPU time the server process has used so far (all threads: the event loop and libuv's pool), µs. */
  cpuMicros(): Promise<number>;
  /** Database statements, Redis commands and messages, and CPU time of the server process so far (countIo.ts). */
  io(): Promise<IoCounts>;
  /** Pending-session long-polls the server holds right now (its notp_long_polls_open gauge). */
  heldLongPolls(): Promise<number>;
  /** The server's event-loop delay and GC pauses since the previous call (or its start); each call starts anew. */
  stalls(): Promise<StallReport>;
  close(): Promise<void>;
}

export interface BenchServerOptions {
  /** Extra environment for the server (e.g. DATABASE_URL). Rate limits are always off: a benchmark is a flood. */
  env?: Record<string, string>;
  /** Sign the project's JWTs with this algorithm instead of the default RS256. */
  signingAlg?: 'RS256' | 'ES256' | 'EdDSA';
  /** Extra Node flags for the server process, e.g. ['--cpu-prof', '--cpu-prof-dir=prof']. */
  execArgv?: string[];
}

const ENTRY = fileURLToPath(new URL('./serveForBench.ts', import.meta.url));

/** The environment every bench server gets; `env` overrides it. */
function benchEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {
    NOTP_RATE_LIMIT: 'off',
    NOTP_LOG_LEVEL: 'silent',
    // Known to the bench, so it can sign Cloud-API deliveries exactly as Meta would and post them to the webhook.
    NOTP_CLOUD_API_APP_SECRET: randomBytes(16).toString('hex'),
  };
  if (env.DATABASE_URL?.startsWith('postgres')) base.NOTP_MASTER_KEY = randomBytes(32).toString('hex');
  return { ...base, ...env };
}

/** NOTP_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every bench server into <dir> (read it with cpuProfileTop.ts). */
function profileFlags(): string[] {
  const dir = process.env.NOTP_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...profileFlags(), ...(options.execArgv ?? [])],
    env: {
      ...process.env,
      NOTP_BENCH_ENV: JSON.stringify(benchEnv(options.env ?? {})),
      ...(options.signingAlg ? { NOTP_BENCH_SIGNING_ALG: options.signingAlg } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (body: Record<string, unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<BenchServerReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with code ${code} before it was ready`)));
    child.on('message', (message: Record<string, unknown>) => {
      if (message.type === 'ready') resolve(message as unknown as BenchServerReady);
      else if (typeof message.id === 'number') pending.get(message.id)?.(message);
    });
  });
  const ask = (type: ParentMessage['type']) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, (body) => {
        pending.delete(id);
        resolve(body);
      });
      child.send({ id, type } satisfies ParentMessage);
    });

  const { type: _ready, ...info } = await ready;
  return {
    ...info,
    memory: async () => (await ask('memory')).memory as NodeJS.MemoryUsage,
    cpuMicros: async () => {
      const { user, system } = (await ask('cpu')).cpu as NodeJS.CpuUsage;
      return user + system;
    },
    io: async () => (await ask('io')).io as IoCounts,
    heldLongPolls: async () => {
      const answer = await ask('held');
      if (answer.error) throw new Error(String(answer.error));
      return answer.count as number;
    },
    stalls: async () => (await ask('stalls')).stalls as StallReport,
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask('close');
      await exited;
    },
  };
}
