// The `notp` command as a user runs it (`npx notp … --json` in the repository) while a server serves the same database:
// a project it creates opens at once on the running server, and its session revocation ends a real login there.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

let server: TestServer;
let cliEnv: NodeJS.ProcessEnv;

/**
 * Runs `npx notp <args>` in the repository (`via: 'bin'` runs node_modules/.bin/notp, the very file npx finds, without
 * npx's own start-up: seconds on a busy machine). Resolves with the exit status and output; never rejects.
 */
function npxNotp(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return runNotp('npx', args);
}

function runNotp(via: 'npx' | 'bin', args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const [file, argv] = via === 'npx' ? ['npx', ['notp', ...args]] : [join(REPO, 'node_modules/.bin/notp'), args];
  return new Promise((resolve) => {
    execFile(file, argv, { cwd: REPO, env: cliEnv }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

async function notpJson<T>(via: 'npx' | 'bin', ...args: string[]): Promise<T> {
  const r = await runNotp(via, [...args, '--json']);
  expect(r, r.stderr).toMatchObject({ status: 0, stderr: '' });
  return JSON.parse(r.stdout) as T;
}

function call(path: string, auth: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  // The command runs the built server (packages/server/bin/notp.js → dist/main.js): build it from these sources.
  await new Promise<void>((resolve, reject) =>
    execFile('npm', ['run', 'build', '--silent', '-w', '@notp/server'], { cwd: REPO }, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
  server = await startTestServer();
  const { config, masterKey } = server.deps;
  // The server's own environment: same database (SQLite file or PostgreSQL), same master key, same Redis.
  cliEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: config.databaseUrl,
    NOTP_MASTER_KEY: masterKey.toString('hex'),
    NOTP_DATA_DIR: server.dataDir,
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
  };
});
afterAll(async () => {
  await server?.close();
});

// Spawning commands on a loaded 2-core machine takes seconds each.
describe('npx notp, while the server runs on the same database', { timeout: 120_000 }, () => {
  it('projects create: the new project and its management key work on the running server at once', async () => {
    const created = await notpJson<{ projectId: string; name: string; managementKey: string }>(
      'npx',
      'projects',
      'create',
      '--name',
      'CLI test app',
    );
    expect(created).toMatchObject({ name: 'CLI test app', projectId: expect.stringMatching(/^P[A-Za-z0-9]{27}$/) });
    const { projectId, managementKey } = created;

    expect((await call(routes.mgmt.license, `${projectId}:${managementKey}`)).status).toBe(200);
    // The key opens this project only.
    expect((await call(routes.mgmt.license, `${server.projectId}:${managementKey}`)).status).toBe(401);
    expect((await call(routes.mgmt.license, `${projectId}:${server.managementKey}`)).status).toBe(401);
    const res = await call(routes.mgmt.userCreate, `${projectId}:${managementKey}`, {
      loginId: 'ann@example.com',
      roleNames: ['console-admin'],
    });
    expect(res.status).toBe(200);

    const listed = await notpJson<{ users: { loginIds: string[]; roleNames: string[] }[]; total: number }>(
      'bin',
      'users',
      'list',
      '--project',
      projectId,
    );
    expect(listed).toMatchObject({
      total: 1,
      users: [{ loginIds: ['ann@example.com'], roleNames: ['console-admin'] }],
    });
    const { projects } = await notpJson<{ projects: { projectId: string }[] }>('bin', 'projects', 'list');
    expect(projects.map((p) => p.projectId)).toEqual(expect.arrayContaining([server.projectId, projectId]));
  });

  it('sessions revoke --user: a login made on the running server stops refreshing', async () => {
    const { projectId } = await notpJson<{ projectId: string }>('bin', 'projects', 'create', '--name', 'Revocations');
    const phone = '+14155550188';
    const start = await call(routes.notp.signUpOrIn, projectId, { loginId: phone });
    expect(start.status).toBe(200);
    const { pendingRef, redirectUrl } = (await start.json()) as { pendingRef: string; redirectUrl: string };
    expect((await server.sendWhatsApp(phone, messageOf(redirectUrl))).status).toBe(200);
    const session = await call(routes.notp.pendingSession, projectId, { pendingRef });
    expect(session.status).toBe(200);
    const { refreshJwt } = (await session.json()) as { refreshJwt: string };
    expect((await call(routes.session.refresh, `${projectId}:${refreshJwt}`, {})).status).toBe(200);

    const { sessions } = await notpJson<{ sessions: { live: boolean }[] }>(
      'bin',
      'sessions',
      'list',
      '--project',
      projectId,
      '--user',
      phone,
    );
    expect(sessions.filter((s) => s.live)).toHaveLength(1);
    expect(await notpJson('bin', 'sessions', 'revoke', '--project', projectId, '--user', phone)).toEqual({
      revoked: 1,
    });
    expect((await call(routes.session.refresh, `${projectId}:${refreshJwt}`, {})).status).toBe(401);
  });

  it('keys rotate --project: the running server signs with the new key', async () => {
    const { kid } = await notpJson<{ projectId: string; kid: string }>(
      'bin',
      'keys',
      'rotate',
      '--project',
      server.projectId,
    );
    expect((await server.deps.store.keys.getActive(server.projectId))?.kid).toBe(kid);
    const jwks = await fetch(`${server.url}/v2/keys/${server.projectId}`);
    expect(((await jwks.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid)).toContain(kid);
  });

  it('fails with one line and a non-zero status: unknown command, bad flag, unknown project', async () => {
    const unknown = await npxNotp('frobnicate');
    expect(unknown).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'notp: unknown command: frobnicate (try: notp --help)\n',
    });
    expect((await runNotp('bin', ['users', 'list', '--colour'])).status).toBe(2);
    const missing = await runNotp('bin', ['users', 'list', '--project', 'P000000000000000000000000000']);
    expect(missing).toMatchObject({
      status: 1,
      stderr: 'notp: unknown project P000000000000000000000000000 (see: notp projects list)\n',
    });
  });
});
