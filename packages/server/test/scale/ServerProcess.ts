// ServerProcess: a real `notp` server in its own OS process (the CLI entry, run from source with tsx), so tests can
// kill -9 it, SIGTERM it and restart it on the same port and database.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  /** The last lines the server wrote to stderr (for failure messages). */
  stderr = '';

  constructor(
    readonly url: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts the process and waits (with a deadline) until GET /health answers 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    // tsx resolves @notp/* to the sources through tsconfig paths, as the tests do (no build needed).
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO_ROOT,
      env: { ...process.env, NOTP_LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`server exited with ${child.exitCode} during start:\n${this.stderr}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL: no shutdown code runs (a crash, an OOM kill, a pulled plug of the process). */
  async kill9(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (what a load balancer's orchestrator sends); resolves with the exit code. */
  async terminate(): Promise<number | null> {
    this.child?.kill('SIGTERM');
    return this.exited;
  }

  /** Resolves with the exit code when the process ends. */
  get exit(): Promise<number | null> {
    return this.exited;
  }
}
