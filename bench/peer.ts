// `npm run bench -- peer`: the same phone-login round trip on better-auth (phone-number plugin: send OTP, verify) and
// on notp (start, WhatsApp webhook, pending-session), same machine, same SQLite driver, same run; ratios of logins/s
// and of p99 latency.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './benchServer.js';
import { BenchLoginClient, randomPhone } from './BenchLoginClient.js';
import { keepAliveAgent, postJson } from './httpJson.js';
import { median, summarize } from './latencyStats.js';
import { type Cell, printTable } from './printTable.js';
import { runLoad } from './runLoad.js';
import { resolveSqliteDriver } from '../packages/server/src/store/sqlite/sqliteDriver.js';

const ROUNDS = 5;
const ROUND_MS = 2_000; // per contender per round
const CONCURRENCY = 8; // logins in flight
const WARMUP_LOGINS = 200;

/** better-auth in its own process; resolves OTPs as its sendOTP hands them over. */
async function startPeer() {
  const child = fork(fileURLToPath(new URL('./servePeerForBench.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const codes = new Map<string, (code: string) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`peer exited with code ${code} before it was ready`)));
    child.on('message', (m: { type: string; url?: string; phone?: string; code?: string }) => {
      if (m.type === 'ready' && m.url) resolve(m.url);
      if (m.type === 'otp' && m.phone && m.code) codes.get(m.phone)?.(m.code);
    });
  });
  const agent = keepAliveAgent(CONCURRENCY * 2);
  const post = (path: string, body: unknown) =>
    postJson(agent, `${url}/api/auth${path}`, body, { origin: url }).then((answer) => {
      if (answer.status !== 200)
        throw new Error(`better-auth ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer;
    });
  return {
    /** send-otp → (the code arrives) → verify → a session (token + cookie). */
    async login(): Promise<void> {
      const phone = randomPhone();
      const code = new Promise<string>((resolve) => codes.set(phone, resolve));
      await post('/phone-number/send-otp', { phoneNumber: phone });
      const verified = await post('/phone-number/verify', { phoneNumber: phone, code: await code });
      codes.delete(phone);
      if (typeof verified.body.token !== 'string') throw new Error('better-auth verify returned no session token');
    },
    async close() {
      agent.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

const peer = await startPeer();
const rs256 = await startBenchServer();
const es256 = await startBenchServer({ signingAlg: 'ES256' });
const agents = [keepAliveAgent(CONCURRENCY * 2), keepAliveAgent(CONCURRENCY * 2)];
const contenders = {
  peer: () => peer.login(),
  'notp RS256': (() => {
    const c = new BenchLoginClient(rs256, agents[0] as ReturnType<typeof keepAliveAgent>);
    return () => c.login();
  })(),
  'notp ES256': (() => {
    const c = new BenchLoginClient(es256, agents[1] as ReturnType<typeof keepAliveAgent>);
    return () => c.login();
  })(),
};
type Name = keyof typeof contenders;
const names = Object.keys(contenders) as Name[];
const perSec: Record<Name, number[]> = { peer: [], 'notp RS256': [], 'notp ES256': [] };
const latencies: Record<Name, number[]> = { peer: [], 'notp RS256': [], 'notp ES256': [] };

try {
  for (const name of names) {
    await runLoad({ concurrency: CONCURRENCY, durationMs: 10_000, maxOps: WARMUP_LOGINS, op: contenders[name] });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names.map((_, i) => names[(i + round) % names.length] as Name)) {
      const r = await runLoad({ concurrency: CONCURRENCY, durationMs: ROUND_MS, op: contenders[name] });
      perSec[name].push(r.opsPerSec);
      latencies[name].push(...r.latencies);
    }
  }
} finally {
  for (const agent of agents) agent.destroy();
  await Promise.all([peer.close(), rs256.close(), es256.close()]);
}

const peerRate = median(perSec.peer);
const peerP99 = summarize(latencies.peer).p99;
const rows: Cell[][] = names.map((name) => {
  const s = summarize(latencies[name]);
  const rate = median(perSec[name]);
  return [
    name === 'peer'
      ? 'better-auth 1.7.25 phone-number (send-otp → verify)'
      : `${name} (start → webhook → pending-session)`,
    rate,
    s.p50,
    s.p99,
    rate / peerRate,
    peerP99 / s.p99,
  ];
});
printTable(
  'peer: phone login round trips, better-auth vs notp (same machine, same run)',
  ['contender', 'logins/s (median)', 'p50 ms', 'p99 ms', 'logins/s ÷ peer', 'peer p99 ÷ p99'],
  rows,
  [
    ...(['notp RS256', 'notp ES256'] as const).map((name) => {
      const ratio = median(perSec[name]) / peerRate;
      const p99 = summarize(latencies[name]).p99 / peerP99;
      return `${name}: logins/s ${ratio.toFixed(2)}× better-auth's (goal ≥ 2.5×), p99 ${p99.toFixed(2)}× its p99 (goal ≤ 0.5×)`;
    }),
    `${ROUNDS} rounds × ${ROUND_MS / 1000} s per contender (order rotated), ${CONCURRENCY} logins in flight, each server in its`,
    `own process on ${resolveSqliteDriver('auto') === 'node' ? 'node:sqlite' : 'better-sqlite3'} (WAL, synchronous=NORMAL), rate limits off, loopback keep-alive HTTP.`,
    'A better-auth login is 2 requests and ends in an opaque session token (one row); a notp login is 3 requests',
    '(start renders a QR PNG; the webhook is HMAC-verified and deduplicated) and ends in a signed session JWT plus a',
    'signed refresh JWT, a tracked refresh session and a login-history row.',
  ],
);
