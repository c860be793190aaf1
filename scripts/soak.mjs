// npm run soak: a bounded mixed load on loopback against the built server (a child process on a temp SQLite file),
// restarted mid-run, then data checks: every login whose WhatsApp message was accepted got (or can still get) its
// session, no user exists twice, and the sessions issued before the restart still refresh.
//
// Settings (environment): SOAK_DURATION_SEC (default 180), SOAK_USERS (concurrent virtual users, default 8),
// SOAK_RESTART (on|off, default on), SOAK_SKIP_BUILD=1 (use the existing packages/server/dist).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DURATION_MS = Number(process.env.SOAK_DURATION_SEC ?? 180) * 1000;
const USERS = Number(process.env.SOAK_USERS ?? 8);
const RESTART = (process.env.SOAK_RESTART ?? 'on') !== 'off';
const MAIN = 'packages/server/dist/main.js';
/** How long the server may take to answer /health after a (re)start. */
const BOOT_TIMEOUT_MS = 30_000;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const projectId = `P${[...randomBytes(27)].map((b) => ALNUM[b % ALNUM.length]).join('')}`;
const managementKey = `K${randomBytes(24).toString('base64url')}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const stats = {
  requests: 0,
  byKind: new Map(),
  /** Answers that are wrong at any time (5xx, unexpected 4xx). */
  errors: [],
  /** Connection failures while the server was down for its restart (expected; retried). */
  restartWindowFailures: 0,
  latencies: [],
};
let restarting = false;

function count(kind) {
  stats.requests++;
  stats.byKind.set(kind, (stats.byKind.get(kind) ?? 0) + 1);
}

/** One JSON call; network errors during the restart window are retried after a short pause. */
async function call(base, kind, method, path, { body, auth, headers } = {}) {
  for (;;) {
    const started = performance.now();
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: auth ?? `Bearer ${projectId}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      count(kind);
      stats.latencies.push(performance.now() - started);
      let json = {};
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        stats.errors.push(`${kind}: ${res.status} non-JSON body`);
      }
      // A 503 while closing is the server saying "restarting": retry like a refused connection.
      if (res.status === 503 && restarting) {
        stats.restartWindowFailures++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      return { status: res.status, body: json };
    } catch (err) {
      if (restarting) {
        stats.restartWindowFailures++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      stats.errors.push(`${kind}: ${err.cause?.code ?? err.message}`);
      return { status: 0, body: {} };
    }
  }
}

function startServer(env) {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.stderrTail = () => stderr;
  return child;
}

async function waitHealthy(base, child) {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${child.stderrTail()}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server not healthy within ${BOOT_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** One virtual user: logins with its own phones (sign-ups first, sign-ins later), then refresh, me, sometimes logout. */
async function virtualUser(base, vu, deadline, logins) {
  let n = 0;
  while (Date.now() < deadline) {
    const phone = `+1650555${String(1000 + vu * 100 + (n % 40)).padStart(4, '0')}`;
    n++;
    const started = await call(base, 'start', 'POST', '/v1/auth/notp/whatsapp/signup-in', { body: { loginId: phone } });
    if (started.status !== 200) {
      stats.errors.push(`start: ${started.status} ${started.body.errorCode ?? ''}`);
      continue;
    }
    const login = { phone, pendingRef: started.body.pendingRef, sent: false, session: null };
    logins.push(login);
    const text = new URL(started.body.redirectUrl).searchParams.get('text');
    const sent = await call(base, 'webhook', 'POST', '/simulator/messages', { body: { from: phone, text } });
    if (sent.status !== 200) {
      stats.errors.push(`simulator send: ${sent.status} ${sent.body.errorCode ?? ''}`);
      continue;
    }
    login.sent = true;
    const session = await collect(base, login);
    if (!session) continue;
    const auth = `Bearer ${projectId}:${session.refreshJwt}`;
    const refreshed = await call(base, 'refresh', 'POST', '/v1/auth/refresh', { auth });
    if (refreshed.status !== 200) stats.errors.push(`refresh: ${refreshed.status} ${refreshed.body.errorCode ?? ''}`);
    const me = await call(base, 'me', 'GET', '/v1/auth/me', { auth });
    if (me.status !== 200 || me.body.userId !== session.user.userId) stats.errors.push(`me: ${me.status}`);
    if (n % 5 === 0) {
      await call(base, 'logout', 'POST', '/v1/auth/logout', { auth });
      login.loggedOut = true;
    }
  }
}

/** Long-polls pending-session until the tokens arrive (or a terminal error); a restart in between is retried. */
async function collect(base, login) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await call(base, 'pending-session', 'POST', '/v1/auth/notp/pending-session', {
      body: { pendingRef: login.pendingRef },
      headers: { prefer: 'wait=10' },
    });
    if (r.status === 200) {
      login.session = r.body;
      return r.body;
    }
    if (r.body.errorCode !== 'E066103') {
      stats.errors.push(`pending-session: ${r.status} ${r.body.errorCode ?? ''}`);
      return null;
    }
  }
  stats.errors.push('pending-session: still pending after 20 waits');
  return null;
}

async function main() {
  if (process.env.SOAK_SKIP_BUILD !== '1') {
    process.stdout.write('soak: building the server (SOAK_SKIP_BUILD=1 skips)…\n');
    const built = spawnSync('npm', ['run', 'build:server', '--silent'], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build:server`);
  const dataDir = mkdtempSync(join(tmpdir(), 'notp-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dataDir, 'notp.db')}`,
    NOTP_DATA_DIR: dataDir,
    NOTP_PUBLIC_URL: base,
    NOTP_PROJECT_ID: projectId,
    NOTP_MANAGEMENT_KEY: managementKey,
    NOTP_LOG_LEVEL: 'warn',
    // One loopback address and a few phones stand in for many clients: lift the limits this run is not about.
    NOTP_RATE_LIMIT_START_PER_IP: '1000000',
    NOTP_RATE_LIMIT_START_PER_LOGIN_ID: '1000000',
    NOTP_RATE_LIMIT_INBOUND_PER_SENDER: '1000000',
  };
  let child = startServer(env);
  await waitHealthy(base, child);
  const t0 = Date.now();
  const deadline = t0 + DURATION_MS;
  process.stdout.write(
    `soak: ${USERS} virtual users for ${DURATION_MS / 1000} s against ${base}${RESTART ? ', restart at half time' : ''}\n`,
  );

  const logins = [];
  const restartDone = (async () => {
    if (!RESTART) return null;
    await new Promise((r) => setTimeout(r, DURATION_MS / 2));
    restarting = true;
    const down = Date.now();
    const code = await stop(child);
    child = startServer(env);
    await waitHealthy(base, child);
    restarting = false;
    return { exitCode: code, downMs: Date.now() - down };
  })();
  const progress = setInterval(() => {
    process.stdout.write(
      `  ${Math.round((Date.now() - t0) / 1000)} s: ${stats.requests} requests, ${stats.errors.length} errors\n`,
    );
  }, 15_000);
  await Promise.all(Array.from({ length: USERS }, (_, vu) => virtualUser(base, vu, deadline, logins)));
  const restart = await restartDone;
  clearInterval(progress);
  const elapsedSec = (Date.now() - t0) / 1000;

  // — data checks
  const failures = [];
  // 1. Every login whose message was accepted has its session, or can still collect it now.
  let collectedLate = 0;
  for (const login of logins.filter((l) => l.sent && !l.session)) {
    if (await collect(base, login)) collectedLate++;
    else failures.push(`login for ${login.phone} was verified but its session cannot be collected`);
  }
  const sent = logins.filter((l) => l.sent).length;
  const completed = logins.filter((l) => l.session).length;
  // 2. No duplicate users: one user per phone, each login id unique.
  const mgmt = `Bearer ${projectId}:${managementKey}`;
  const users = [];
  for (let page = 0; ; page++) {
    const r = await call(base, 'mgmt', 'POST', '/v2/mgmt/user/search', { body: { page, limit: 1000 }, auth: mgmt });
    users.push(...(r.body.users ?? []));
    if ((r.body.users ?? []).length < 1000) break;
  }
  const loginIds = users.flatMap((u) => u.loginIds);
  if (new Set(loginIds).size !== loginIds.length) failures.push('a login id belongs to two users');
  const phones = new Set(logins.filter((l) => l.session).map((l) => l.phone));
  if (users.length !== phones.size) failures.push(`${users.length} users for ${phones.size} phones that logged in`);
  // 3. Sessions survive the restart: every session not logged out still refreshes.
  let refreshFailures = 0;
  for (const login of logins.filter((l) => l.session && !l.loggedOut)) {
    const r = await call(base, 'refresh', 'POST', '/v1/auth/refresh', {
      auth: `Bearer ${projectId}:${login.session.refreshJwt}`,
    });
    if (r.status !== 200) refreshFailures++;
  }
  if (refreshFailures > 0) failures.push(`${refreshFailures} live sessions no longer refresh`);
  if (restart && restart.exitCode !== 0) failures.push(`the server exited ${restart.exitCode} on SIGTERM`);

  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });

  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const pct = (p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1) : '-';
  const lines = [
    '',
    'soak report',
    `  duration            ${elapsedSec.toFixed(0)} s, ${USERS} virtual users`,
    `  requests served     ${stats.requests} (${(stats.requests / elapsedSec).toFixed(0)}/s): ${[...stats.byKind].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  latency             p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (long-polls included)`,
    `  errors              ${stats.errors.length}${stats.errors.length ? `: ${[...new Set(stats.errors)].slice(0, 10).join('; ')}` : ''}`,
    restart
      ? `  restart             SIGTERM exit ${restart.exitCode}, down ${restart.downMs} ms, ${stats.restartWindowFailures} refused/503 requests retried`
      : '  restart             off',
    `  logins              ${logins.length} started, ${sent} messages accepted, ${completed} sessions collected (${collectedLate} after the run)`,
    `  users               ${users.length} users, ${loginIds.length} login ids, no duplicates: ${new Set(loginIds).size === loginIds.length}`,
    `  data checks         ${failures.length === 0 ? 'PASS' : `FAIL: ${failures.join('; ')}`}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  process.exit(failures.length === 0 && stats.errors.length === 0 ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`soak: ${err.stack ?? err}\n`);
  process.exit(1);
});
