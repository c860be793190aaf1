// `npm run bench -- peer`: the same phone-login round trip on better-auth (phone-number plugin: send OTP, verify; with
// its jwt plugin, then GET /token for the JWT) and on notp (start, WhatsApp webhook, pending-session), same machine,
// same SQLite driver, same run; ratios of logins/s and of p99 latency. The goals are against better-auth + jwt (a
// login that ends, like notp's, in a signed JWT); plain better-auth (an opaque session token only) is printed too.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './benchServer.js';
import { BenchLoginClient, randomPhone } from './BenchLoginClient.js';
import { getJson, keepAliveAgent, postJson } from './httpJson.js';
import { median, summarize } from './latencyStats.js';
import { type Cell, printTable } from './printTable.js';
import { runLoad } from './runLoad.js';
import { resolveSqliteDriver } from '../packages/server/src/store/sqlite/sqliteDriver.js';

const ROUNDS = 7;
const ROUND_MS = 2_000; // per contender per round
const CONCURRENCY = 8; // logins in flight
const WARMUP_LOGINS = 200;

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
function cookieHeader(setCookie: string | string[] | undefined): string {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');
}

/** better-auth in its own process (with its jwt plugin if `withJwt`); resolves OTPs as its sendOTP hands them over. */
async function startPeer(withJwt: boolean) {
  const child = fork(fileURLToPath(new URL('./servePeerForBench.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NOTP_BENCH_PEER_JWT: withJwt ? '1' : '0' },
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
    /** send-otp → (the code arrives) → verify → a session (token + cookie); with jwt, GET /token → a signed JWT. */
    async login(): Promise<void> {
      const phone = randomPhone();
      const code = new Promise<string>((resolve) => codes.set(phone, resolve));
      await post('/phone-number/send-otp', { phoneNumber: phone });
      const verified = await post('/phone-number/verify', { phoneNumber: phone, code: await code });
      codes.delete(phone);
      if (typeof verified.body.token !== 'string') throw new Error('better-auth verify returned no session token');
      if (!withJwt) return;
      const token = await getJson(agent, `${url}/api/auth/token`, {
        origin: url,
        cookie: cookieHeader(verified.headers['set-cookie']),
      });
      if (token.status !== 200 || typeof token.body.token !== 'string' || token.body.token.split('.').length !== 3) {
        throw new Error(`better-auth /token answered ${token.status}: ${JSON.stringify(token.body)}`);
      }
    },
    async close() {
      agent.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

const peer = await startPeer(true);
const plainPeer = await startPeer(false);
const rs256 = await startBenchServer();
const es256 = await startBenchServer({ signingAlg: 'ES256' });
const agents = [keepAliveAgent(CONCURRENCY * 2), keepAliveAgent(CONCURRENCY * 2)];
const contenders = {
  peer: () => peer.login(),
  'plain peer': () => plainPeer.login(),
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
const perSec = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
const latencies = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;

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
  await Promise.all([peer.close(), plainPeer.close(), rs256.close(), es256.close()]);
}

const labels: Record<Name, string> = {
  peer: 'better-auth 1.7.25 + jwt (send-otp → verify → token)',
  'plain peer': 'better-auth 1.7.25, no jwt (send-otp → verify)',
  'notp RS256': 'notp RS256 (start → webhook → pending-session)',
  'notp ES256': 'notp ES256 (start → webhook → pending-session)',
};
const stats = Object.fromEntries(names.map((name) => [name, summarize(latencies[name])])) as Record<
  Name,
  ReturnType<typeof summarize>
>;
const rateOf = (name: Name) => median(perSec[name]);
const p99Of = (name: Name) => stats[name].p99;
const rows: Cell[][] = names.map((name) => [
  labels[name],
  rateOf(name),
  stats[name].p50,
  p99Of(name),
  rateOf(name) / rateOf('peer'),
  p99Of('peer') / p99Of(name),
]);
printTable(
  'peer: phone login round trips, better-auth vs notp (same machine, same run)',
  ['contender', 'logins/s (median)', 'p50 ms', 'p99 ms', 'logins/s ÷ peer', 'peer p99 ÷ p99'],
  rows,
  [
    ...(['notp RS256', 'notp ES256'] as const).map(
      (name) =>
        `${name}: logins/s ${(rateOf(name) / rateOf('peer')).toFixed(2)}× better-auth + jwt's (goal ≥ 2.5×), p99 ` +
        `${(p99Of(name) / p99Of('peer')).toFixed(2)}× its p99 (goal ≤ 0.5×); against better-auth without jwt: ` +
        `${(rateOf(name) / rateOf('plain peer')).toFixed(2)}× and ${(p99Of(name) / p99Of('plain peer')).toFixed(2)}×`,
    ),
    `${ROUNDS} rounds × ${ROUND_MS / 1000} s per contender (order rotated), ${CONCURRENCY} logins in flight, each server in its`,
    `own process on ${resolveSqliteDriver('auto') === 'node' ? 'node:sqlite' : 'better-sqlite3'} (WAL, synchronous=NORMAL), rate limits off, loopback keep-alive HTTP.`,
    'A better-auth + jwt login is 3 requests and ends in an opaque session token (one row) and one EdDSA-signed JWT',
    "(its jwt plugin's defaults); without jwt it is 2 requests and ends at the session token. A notp login is 3 requests",
    '(start renders a QR PNG; the webhook is HMAC-verified and deduplicated) and ends in a signed session JWT plus a',
    'signed refresh JWT, a tracked refresh session and a login-history row.',
  ],
);
