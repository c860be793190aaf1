// runCli in-process on a real SQLite file: every command's answer, --json shapes, validation and one-line failures.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../store/createStore.js';
import { runCli } from './run.js';

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'notp-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'notp.db')}`, NOTP_DATA_DIR: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function notp(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(argv, {
    env,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      // The first command generates the master key and says so: not part of any answer.
      if (!t.startsWith('notp: warning: NOTP_MASTER_KEY is not set')) err += t;
    },
  });
  return { status, out, err };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await notp(...argv, '--json');
  expect(r, r.err).toMatchObject({ status: 0, err: '' });
  return JSON.parse(r.out) as T;
}

async function readProject(projectId: string) {
  const store = await createStore(env.DATABASE_URL as string);
  try {
    return await store.projects.get(projectId);
  } finally {
    await store.close();
  }
}

describe('notp projects', () => {
  it('creates projects (key shown once, stored hashed), lists them, and shows and changes settings', async () => {
    const a = await json<{ projectId: string; name: string; managementKey: string }>(
      'projects',
      'create',
      '--name',
      'Acme',
    );
    expect(a.projectId).toMatch(/^P[A-Za-z0-9]{27}$/);
    expect(a.managementKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const b = await json<{ projectId: string }>('projects', 'create', '--name', 'Beta');
    const stored = await readProject(a.projectId);
    expect(stored?.managementKeyHash).not.toContain(a.managementKey);
    expect(stored?.name).toBe('Acme');
    expect(stored?.settings).toMatchObject({ allowedOrigins: [] });

    const { projects } = await json<{ projects: { projectId: string; name: string; createdAt: number }[] }>(
      'projects',
      'list',
    );
    expect(projects.map((p) => [p.projectId, p.name])).toEqual([
      [a.projectId, 'Acme'],
      [b.projectId, 'Beta'],
    ]);
    const human = await notp('projects', 'list');
    expect(human.out).toMatch(new RegExp(`^PROJECT ID +NAME +CREATED\\n${a.projectId} +Acme +\\d{4}-`));

    const changed = await json<{ settings: Record<string, unknown> }>(
      'projects',
      'settings',
      a.projectId,
      '--set',
      'allowedOrigins=https://app.example.com, http://localhost:*',
      '--set',
      'sessionTtlSec=300',
      '--set',
      'confirmation=true',
      '--set',
      'tokenDelivery=cookies',
    );
    expect(changed.settings).toMatchObject({
      allowedOrigins: ['https://app.example.com', 'http://localhost:*'],
      sessionTtlSec: 300,
      confirmation: true,
      tokenDelivery: 'cookies',
    });
    expect((await readProject(a.projectId))?.settings).toEqual(changed.settings);
    expect((await json<{ settings: unknown }>('projects', 'settings', a.projectId)).settings).toEqual(changed.settings);
    // Only project A changed.
    expect((await readProject(b.projectId))?.settings.sessionTtlSec).toBe(600);
  });

  it('refuses a bad setting with one line (the catalogue code) and changes nothing, not even the good ones', async () => {
    const { projectId } = await json<{ projectId: string }>('projects', 'create', '--name', 'Acme');
    const before = (await readProject(projectId))?.settings;
    for (const [set, status, why] of [
      ['sessionTtlSec=0', 1, /sessionTtlSec.*\(E908001\)/],
      ['allowedOrigins=https://app.example.com/path', 1, /allowedOrigins.*\(E908001\)/],
      ['tokenDelivery=carrier-pigeon', 1, /tokenDelivery.*\(E908001\)/],
      ['colour=blue', 1, /colour.*\(E908001\)/],
      ['noequals', 2, /expected key=value/],
    ] as const) {
      const r = await notp('projects', 'settings', projectId, '--set', 'sessionTtlSec=30', '--set', set);
      expect(r.status).toBe(status);
      expect(r.err).toMatch(why);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect((await readProject(projectId))?.settings).toEqual(before);
  });

  it('--set name=… renames the project (the name in messages)', async () => {
    const { projectId } = await json<{ projectId: string }>('projects', 'create', '--name', 'Acme');
    await json('projects', 'settings', projectId, '--set', 'name=Acme Shop');
    expect((await readProject(projectId))?.name).toBe('Acme Shop');
  });
});

describe('notp users, keys, sessions', () => {
  it('creates a user with roles, lists, deletes; rotates the key; acts on the only project without --project', async () => {
    const { projectId } = await json<{ projectId: string }>('projects', 'create', '--name', 'Acme');
    const { user } = await json<{ user: { userId: string; loginIds: string[]; roleNames: string[]; name: string } }>(
      'users',
      'create',
      '--phone',
      '+1 (415) 555-0123',
      '--email',
      'Ann@Example.com',
      '--name',
      'Ann',
      '--roles',
      'console-admin',
    );
    expect(user).toMatchObject({ loginIds: ['+14155550123'], roleNames: ['console-admin'], name: 'Ann' });
    // Roles must exist (the built-in console-admin does in every project): an unknown one is refused in one line.
    expect(await notp('users', 'create', '--phone', '+14155550199', '--roles', 'admin')).toMatchObject({
      status: 1,
      err: 'notp: Unknown role(s): admin (E907003)\n',
    });
    const again = await notp('users', 'create', '--phone', '+14155550123');
    expect(again).toMatchObject({ status: 1, err: 'notp: A user with this login id already exists (E062107)\n' });

    const listed = await json<{ users: { userId: string; email: string }[]; total: number }>(
      'users',
      'list',
      '--project',
      projectId,
    );
    expect(listed).toMatchObject({ total: 1, users: [{ userId: user.userId, email: 'ann@example.com' }] });

    const store = await createStore(env.DATABASE_URL as string);
    const kidBefore = (await store.keys.getActive(projectId))?.kid;
    const rotated = await json<{ projectId: string; kid: string }>('keys', 'rotate');
    expect(rotated.projectId).toBe(projectId);
    expect((await store.keys.getActive(projectId))?.kid).toBe(rotated.kid);
    expect(rotated.kid).not.toBe(kidBefore);
    await store.close();

    expect(await json('sessions', 'revoke', '--user', '+14155550123')).toEqual({ revoked: 0 });
    expect(await json('sessions', 'list', '--user', user.userId)).toEqual({ sessions: [] });
    expect(await json('users', 'delete', user.userId)).toEqual({ userId: user.userId, deleted: true });
    expect(await notp('users', 'delete', user.userId)).toMatchObject({
      status: 1,
      err: 'notp: User not found (E112102)\n',
    });
  });

  it('without --project acts on the first project (the oldest), and names an unknown one', async () => {
    const a = await json<{ projectId: string }>('projects', 'create', '--name', 'A');
    const b = await json<{ projectId: string }>('projects', 'create', '--name', 'B');
    await json('users', 'create', '--phone', '+16505550101', '--project', b.projectId);
    expect(await json<{ users: unknown[] }>('users', 'list')).toMatchObject({ users: [] });
    expect((await json<{ users: unknown[] }>('users', 'list', '--project', b.projectId)).users).toHaveLength(1);
    expect(a.projectId).not.toBe(b.projectId);
    expect(await notp('keys', 'rotate', '--project', 'P000000000000000000000000000')).toMatchObject({
      status: 1,
      err: 'notp: unknown project P000000000000000000000000000 (see: notp projects list)\n',
    });
  });
});

describe('usage', () => {
  it('prints help, and refuses unknown commands and flags with one line and exit 2', async () => {
    expect((await notp('--help')).out).toMatch(/^usage: notp \[serve\]/);
    expect((await notp('users', '--help')).out).toMatch(/^notp users list/);
    expect((await notp('projects', 'create', '--help')).out).toMatch(/^notp projects create --name/);
    expect(await notp('frobnicate')).toMatchObject({
      status: 2,
      err: 'notp: unknown command: frobnicate (try: notp --help)\n',
    });
    expect(await notp('users', 'frob')).toMatchObject({
      status: 2,
      err: 'notp: unknown command: notp users frob (try: notp users --help)\n',
    });
    expect(await notp('users', 'list', '--colour', 'red')).toMatchObject({
      status: 2,
      err: expect.stringMatching(/^notp: Unknown option '--colour'.*\(try --help\)\n$/),
    });
    expect(await notp('projects', 'create')).toMatchObject({
      status: 2,
      err: 'notp: projects create: --name <name> is required\n',
    });
    expect(await notp('sessions', 'revoke')).toMatchObject({ status: 2 });
    expect(await notp('users', 'list', '--limit', 'lots')).toMatchObject({
      status: 2,
      err: 'notp: --limit must be an integer from 1 to 1000\n',
    });
  });

  it('says in one line when the configuration is wrong or the database cannot be reached', async () => {
    env = { DATABASE_URL: 'mysql://x' };
    const bad = await notp('projects', 'list');
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/^notp: invalid configuration:; DATABASE_URL: must be sqlite:<path> or postgres:\/\/…\n$/);
    env = { DATABASE_URL: 'postgres://notp:secret@127.0.0.1:1/notp', NOTP_MASTER_KEY: 'ab'.repeat(32) };
    const down = await notp('projects', 'list');
    expect(down.status).toBe(1);
    expect(down.err).toMatch(
      /^notp: cannot open the database postgres:\/\/notp:\*\*\*@127\.0\.0\.1:1\/notp \(DATABASE_URL\): .*ECONNREFUSED.*\n$/,
    );
    expect(down.err).not.toContain('secret');
  });

  it('installs as a committed bin file with a shebang, so npm links `notp` before dist/ is built', () => {
    // npm skips a bin whose target is missing at install time; dist/ only appears later, in `prepare`.
    const pkgPath = fileURLToPath(new URL('../../package.json', import.meta.url));
    const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(bin)).toEqual(['notp']);
    expect(bin.notp).not.toMatch(/dist\//);
    const target = join(dirname(pkgPath), bin.notp as string);
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
