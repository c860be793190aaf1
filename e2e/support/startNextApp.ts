// startNextApp: builds the Next.js example (e2e/apps/nextjs) and runs `next start` on a free port against a notp server.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '@notp/test-utils/server';
import { buildWorkspaceApp } from './buildWorkspaceApp.js';

const appDir = fileURLToPath(new URL('../apps/nextjs/', import.meta.url));

export interface NextApp {
  url: string;
  close(): Promise<void>;
}

/** Polls until the app answers (Next compiles nothing at start, but it takes a moment to listen). */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    const up = await fetch(url, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer within ${timeoutMs} ms:\n${output()}`);
}

export async function startNextApp(target: { projectId: string; url: string }): Promise<NextApp> {
  const env = { NEXT_TELEMETRY_DISABLED: '1', NOTP_PROJECT_ID: target.projectId, NOTP_BASE_URL: target.url };
  // Built fresh each run: a stale .next would test an old SDK.
  await buildWorkspaceApp('@notp/e2e-app-nextjs', env);
  const port = await freePort();
  const nextBin = createRequire(`${appDir}package.json`).resolve('next/dist/bin/next');
  // Its own process group, so close() ends next and any worker it forks (and nothing else).
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitUntilUp(url, child, () => output);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}
