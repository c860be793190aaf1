// bootstrapDevProject against the real SQLite store: first start, restart, fixed ids/keys, key replacement.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { sha256Hex } from '../crypto/sha256Hex.js';
import { systemClock, systemRandom } from '../deps.js';
import { createStore } from '../store/createStore.js';
import type { Store } from '../store/ports.js';
import { createTokenService } from '../tokens/createTokenService.js';
import { bootstrapDevProject, findFirstProject } from './bootstrapDevProject.js';
import { DEFAULT_APP_NAME, DEV_ALLOWED_ORIGINS } from './defaults.js';

let store: Store;
const masterKey = randomBytes(32);
beforeEach(async () => {
  store = await createStore('sqlite::memory:');
});
afterEach(async () => {
  await store.close();
});

function depsFor(env: Record<string, string>) {
  const config = loadConfig({ NOTP_SESSION_TTL: '300', NOTP_PENDING_TTL: '120', ...env });
  const tokens = createTokenService({ store, config, masterKey, clock: systemClock, random: systemRandom });
  return { config, store, tokens, random: systemRandom, clock: systemClock, log: pino({ level: 'silent' }) };
}

describe('bootstrapDevProject', () => {
  it('creates the project once with a generated id and key, then finds it again on restart', async () => {
    const first = await bootstrapDevProject(depsFor({}));
    expect(first.created).toBe(true);
    expect(first.project.projectId).toMatch(/^P[A-Za-z0-9]{27}$/);
    expect(first.managementKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.project.managementKeyHash).toBe(sha256Hex(first.managementKey ?? ''));
    expect(first.project.name).toBe(DEFAULT_APP_NAME);
    expect(first.project.settings).toMatchObject({
      sessionTtlSec: 300,
      pendingTtlSec: 120,
      refreshTtlSec: 2_419_200,
      allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
      signingAlg: 'RS256',
    });
    expect(await store.keys.getActive(first.project.projectId)).not.toBeNull();

    const second = await bootstrapDevProject(depsFor({}));
    expect(second).toEqual({ project: first.project, created: false });
    expect(await store.projects.list()).toHaveLength(1);
    expect(await store.keys.listPublished(first.project.projectId)).toHaveLength(1);
  });

  it('uses NOTP_PROJECT_ID and NOTP_MANAGEMENT_KEY, returns no key to print, and re-hashes a changed key', async () => {
    const env = { NOTP_PROJECT_ID: 'P1234567890abcdefghijklmnopq', NOTP_MANAGEMENT_KEY: 'k'.repeat(32) };
    const first = await bootstrapDevProject(depsFor(env));
    expect(first).toMatchObject({ created: true, project: { projectId: env.NOTP_PROJECT_ID } });
    expect(first.managementKey).toBeUndefined();
    expect(first.project.managementKeyHash).toBe(sha256Hex(env.NOTP_MANAGEMENT_KEY));

    const changed = await bootstrapDevProject(depsFor({ ...env, NOTP_MANAGEMENT_KEY: 'z'.repeat(32) }));
    expect(changed.created).toBe(false);
    expect((await store.projects.get(env.NOTP_PROJECT_ID))?.managementKeyHash).toBe(sha256Hex('z'.repeat(32)));

    // Without NOTP_MANAGEMENT_KEY the stored hash is kept.
    await bootstrapDevProject(depsFor({ NOTP_PROJECT_ID: env.NOTP_PROJECT_ID }));
    expect((await store.projects.get(env.NOTP_PROJECT_ID))?.managementKeyHash).toBe(sha256Hex('z'.repeat(32)));
  });

  it('NOTP_APP_NAME and NOTP_ALLOWED_ORIGINS shape the first project at creation', async () => {
    const env = { NOTP_APP_NAME: ' Acme Shop ', NOTP_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:*' };
    const { project } = await bootstrapDevProject(depsFor(env));
    expect(project.name).toBe('Acme Shop');
    expect(project.settings.allowedOrigins).toEqual(['https://app.example.com', 'http://localhost:*']);
    expect(await store.projects.get(project.projectId)).toEqual(project);
  });

  it('applies changed NOTP_APP_NAME / NOTP_ALLOWED_ORIGINS at every start; unset leaves the stored values', async () => {
    const { project } = await bootstrapDevProject(depsFor({}));
    // Changed by an operator through the API in between: the unset environment leaves it alone.
    await store.projects.setName(project.projectId, 'Renamed');
    await store.projects.updateSettings(project.projectId, {
      ...project.settings,
      allowedOrigins: ['https://stored.example'],
    });
    const kept = await bootstrapDevProject(depsFor({}));
    expect(kept.created).toBe(false);
    expect(kept.project.projectId).toBe(project.projectId); // found without relying on its name
    expect(kept.project).toMatchObject({ name: 'Renamed', settings: { allowedOrigins: ['https://stored.example'] } });

    const env = { NOTP_APP_NAME: 'Acme', NOTP_ALLOWED_ORIGINS: 'https://app.example.com' };
    const applied = await bootstrapDevProject(depsFor(env));
    expect(applied.project).toMatchObject({ name: 'Acme', settings: { allowedOrigins: ['https://app.example.com'] } });
    expect(await store.projects.get(project.projectId)).toEqual(applied.project);

    const changed = await bootstrapDevProject(
      depsFor({ ...env, NOTP_ALLOWED_ORIGINS: 'https://b.example,https://c.example' }),
    );
    expect(changed.project.settings.allowedOrigins).toEqual(['https://b.example', 'https://c.example']);
    expect((await store.projects.get(project.projectId))?.settings.allowedOrigins).toEqual([
      'https://b.example',
      'https://c.example',
    ]);
    expect(await store.projects.list()).toHaveLength(1);
  });

  it('the first project is the oldest one: projects created later are never renamed by NOTP_APP_NAME', async () => {
    const { project } = await bootstrapDevProject(depsFor({}));
    await store.projects.create({
      ...project,
      projectId: `P${'z'.repeat(27)}`,
      name: 'Second',
      createdAt: project.createdAt + 1,
    });
    const again = await bootstrapDevProject(depsFor({ NOTP_APP_NAME: 'First' }));
    expect(again.project.projectId).toBe(project.projectId);
    expect((await findFirstProject(depsFor({})))?.name).toBe('First');
    expect((await store.projects.get(`P${'z'.repeat(27)}`))?.name).toBe('Second');
    expect([...DEV_ALLOWED_ORIGINS]).toEqual(again.project.settings.allowedOrigins);
  });

  it('refuses NOTP_ALLOWED_ORIGINS entries that are not exact origins, and bad NOTP_APP_NAME values', () => {
    for (const bad of [
      '*',
      'https://app.example.com/',
      'https://APP.example.com',
      'ftp://x.example',
      'http://localhost:80',
    ]) {
      expect(() => loadConfig({ NOTP_ALLOWED_ORIGINS: `https://ok.example,${bad}` })).toThrow(/NOTP_ALLOWED_ORIGINS/);
    }
    expect(() => loadConfig({ NOTP_APP_NAME: 'two\nlines' })).toThrow(/NOTP_APP_NAME/);
    expect(() => loadConfig({ NOTP_APP_NAME: 'x'.repeat(61) })).toThrow(/NOTP_APP_NAME/);
  });
});
