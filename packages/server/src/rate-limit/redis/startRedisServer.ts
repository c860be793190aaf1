// Test support: a throwaway redis-server on a free loopback port (Debian's redis-server), or a clear reason it is absent.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export interface RedisServerHandle {
  url: string;
  stop(): Promise<void>;
}

/** Path of redis-server, or null when it is not installed. */
export function redisServerBinary(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : null;
}

/** On CI a missing redis-server fails the run; on a laptop the Redis cases are skipped with a loud warning. */
export function redisAvailableOrSkip(suite: string): boolean {
  if (redisServerBinary()) return true;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (ci) throw new Error(`${suite}: redis-server is missing on CI (apt-get install redis-server)`);
  process.stderr.write(
    `\n⚠ ${suite}: redis-server not installed: Redis cases SKIPPED (apt-get install redis-server)\n`,
  );
  return false;
}

async function freePort(): Promise<number> {
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

/** Starts redis-server without persistence and waits (with a deadline) until it answers PING. */
export async function startRedisServer(timeoutMs = 10_000): Promise<RedisServerHandle> {
  const bin = redisServerBinary();
  if (!bin) throw new Error('redis-server is not installed');
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not answer on ${url} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  probe.disconnect();
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
