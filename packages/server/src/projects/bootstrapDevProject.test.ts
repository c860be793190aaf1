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
import { bootstrapDevProject, DEV_PROJECT_NAME } from './bootstrapDevProject.js';

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
    expect(first.project.name).toBe(DEV_PROJECT_NAME);
    expect(first.project.settings).toMatchObject({
      sessionTtlSec: 300,
      pendingTtlSec: 120,
      refreshTtlSec: 2_419_200,
      allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
      appName: 'notp dev',
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
});
