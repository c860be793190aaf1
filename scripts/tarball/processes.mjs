// Child processes of the tarball test: run to completion, or start in the background and stop by process group.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to completion in `cwd`; throws with its output when it fails. Returns stdout + stderr. */
export function runIn(cwd, cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${output.slice(-6000)}`);
  return output;
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running command in its own process group and resolves once `ready(output)` is true (checked on every
 * chunk of output, or by polling `probe()` when given). `stop()` ends the group: the command and anything it forked.
 */
export function startIn(cwd, cmd, args, { env = {}, ready, probe, timeoutMs = 120_000 } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const started = new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve();
    };
    const check = async () => {
      if (done) return;
      if (ready?.(output)) return finish();
      if (probe && (await probe())) return finish();
      if (Date.now() > deadline) return finish(new Error(`${cmd} did not start in ${timeoutMs} ms:\n${output}`));
      if (probe) setTimeout(check, 250);
    };
    const onData = (chunk) => {
      output += chunk;
      if (!probe) void check();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => finish(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${output}`)));
    if (probe) void check();
    else setTimeout(() => finish(new Error(`${cmd} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs).unref();
  });
  return { started, stop, output: () => output };
}
