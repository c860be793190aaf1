// PrivateRedis: a throwaway redis-server for tests and benchmarks (loopback, free port, no persistence).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** Path of redis-server, or null when it is not installed. */
export function redisServerPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : null;
}

/** On CI a missing redis-server throws; on a laptop it prints a loud skip reason. True when Redis tests may run. */
export function redisTestsEnabled(suite: string): boolean {
  if (redisServerPath()) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${suite}: redis-server is missing on CI (apt-get install redis-server)`);
  }
  process.stderr.write(`\n⚠ ${suite} SKIPPED: redis-server is not installed (apt-get install redis-server)\n`);
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

export class PrivateRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Starts redis-server on 127.0.0.1:<free port> and waits (with a deadline) until it answers PING. */
  static async start(timeoutMs = 10_000): Promise<PrivateRedis> {
    const bin = redisServerPath();
    if (!bin) throw new Error('redis-server is not installed');
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn(bin, args, { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return new PrivateRedis(child, url);
      } catch {
        probe.disconnect();
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill('SIGKILL');
          throw new Error(`redis-server did not answer on ${url} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }

  /** Stops the server (it holds no data worth saving) and waits for it to exit. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}
