// Test harness: the real notp server on a real port, temp SQLite file, simulator provider; restartable.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { bootstrapDevProject, buildApp, closeDeps, createDeps, type Deps, loadConfig } from '@notp/server';
import { sharedBackendEnv } from './sharedBackend.js';

/** buildApp's test seams (short HTTP timeouts, small long-poll bounds). */
export type AppOptions = NonNullable<Parameters<typeof buildApp>[1]>;

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash). */
  url: string;
  projectId: string;
  managementKey: string;
  /** The temp directory holding the SQLite file and generated secrets. */
  dataDir: string;
  deps: Deps;
  app: FastifyInstance;
  close(): Promise<void>;
  /** Stops the server and starts it again on the same port and database (state must survive). */
  restart(): Promise<void>;
  /** Sends a WhatsApp message through the simulator (a signed Cloud-API delivery to the real webhook route). */
  sendWhatsApp(from: string, text: string): Promise<Response>;
  /** Replies the simulator "phone" received. */
  repliesTo(phone: string): Promise<{ to: string; text: string; at: number }[]>;
}

/** Stand-in for the time a real restart takes (see restart()). */
const RESTART_PAUSE_MS = 50;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random project id in the contract's shape: `P` + 27 alphanumerics. */
export function randomProjectId(): string {
  const bytes = randomBytes(27);
  let id = 'P';
  for (const b of bytes) id += ALNUM[b % ALNUM.length];
  return id;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A clock tests move by hand (expiry without waiting). */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * Starts a fresh server. `env` overrides any variable (e.g. NOTP_SESSION_TTL, NOTP_PENDING_TTL); `overrides`
 * replaces deps pieces (e.g. `{ clock: manualClock() }`) and survives restarts; `appOptions` sets buildApp's test seams
 * (short HTTP timeouts, small long-poll bounds).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  overrides: Partial<Pick<Deps, 'clock' | 'log'>> = {},
  appOptions: AppOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'notp-test-'));
  const port = await freePort();
  const fullEnv: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dataDir, 'notp.db')}`,
    NOTP_DATA_DIR: dataDir,
    NOTP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NOTP_PROJECT_ID: randomProjectId(),
    NOTP_MANAGEMENT_KEY: `K${randomBytes(24).toString('base64url')}`,
    NOTP_LOG_LEVEL: process.env.NOTP_TEST_LOG_LEVEL ?? 'silent',
    // PostgreSQL + Redis when the run provides them (packages/server/test/scale/vitest.postgres.config.ts); nothing otherwise.
    ...(await sharedBackendEnv()),
    ...env,
  };
  const config = loadConfig(fullEnv);
  const url = config.publicUrl;

  let deps: Deps;
  let app: FastifyInstance;
  const boot = async () => {
    deps = await createDeps(config, overrides);
    await bootstrapDevProject(deps);
    app = await buildApp(deps, appOptions);
    await app.listen({ port, host: '127.0.0.1' });
  };
  await boot();

  const server: TestServer = {
    url,
    projectId: fullEnv.NOTP_PROJECT_ID as string,
    managementKey: fullEnv.NOTP_MANAGEMENT_KEY as string,
    dataDir,
    get deps() {
      return deps;
    },
    get app() {
      return app;
    },
    async close() {
      await app.close();
      await closeDeps(deps);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await app.close();
      await closeDeps(deps);
      // A real restart takes a while; in this process it takes no time at all, and the store is synchronous, so this
      // process's HTTP clients would not yet have read the FIN of the keep-alive sockets the old server closed and
      // would reuse one (a test-only race). A short pause stands in for the restart's duration.
      await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS));
      await boot();
    },
    sendWhatsApp(from, text) {
      return fetch(`${url}/simulator/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, text }),
      });
    },
    async repliesTo(phone) {
      const res = await fetch(`${url}/simulator/messages?to=${encodeURIComponent(phone)}`);
      const body = (await res.json()) as { messages: { to: string; text: string; at: number }[] };
      return body.messages;
    },
  };
  return server;
}

/** The prefilled message text of a `redirectUrl` (simulator chat link or wa.me link). */
export function messageOf(redirectUrl: string): string {
  const text = new URL(redirectUrl).searchParams.get('text');
  if (text === null) throw new Error(`redirectUrl has no text parameter: ${redirectUrl}`);
  return text;
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
