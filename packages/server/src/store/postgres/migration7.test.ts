// Migration 7 on a PostgreSQL database with data (twin of sqlite/migration7.test.ts): built-in role for every
// project, users' roles and tenants carried over.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../createStore.js';
import { applyPostgresMigrations } from './applyPostgresMigrations.js';
import { postgresMigrations } from './migrations.js';
import { PrivatePostgres, postgresTestsEnabled } from './testing/PrivatePostgres.js';

const enabled = postgresTestsEnabled();
let cluster: PrivatePostgres | undefined;
beforeAll(async () => {
  if (enabled) cluster = await PrivatePostgres.start();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(!enabled)('PostgreSQL migration 7 (roles, permissions, tenants)', () => {
  it('backfills the built-in role and the roles and tenants users hold', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.createDatabase();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await applyPostgresMigrations(
        pool,
        postgresMigrations.filter((m) => m.version < 7),
      );
      await pool.query(
        "INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES ('PA', 'A', '00', '{}', 7)",
      );
      const insertUser = `INSERT INTO users (project_id, user_id, login_ids, verified_email, verified_phone, role_names,
        user_tenants, status, custom_attributes, test, created_at, updated_at)
        VALUES ('PA', $1, '[]', false, false, $2, $3, 'enabled', '{}', false, 1, 1)`;
      await pool.query(insertUser, [
        'U1',
        '["admin","viewer"]',
        '[{"tenantId":"T1","tenantName":"Acme","roleNames":["owner"]}]',
      ]);
      await pool.query(insertUser, [
        'U2',
        '["admin"]',
        '[{"tenantId":"T1","roleNames":[]},{"tenantId":"T2","roleNames":[]}]',
      ]);
    } finally {
      await pool.end();
    }
    const store = await createStore(url);
    try {
      const roles = await store.authz.listRoles('PA');
      expect(roles.map((r) => `${r.tenantId ?? '-'}/${r.name}`)).toEqual([
        '-/admin',
        '-/console-admin',
        '-/owner',
        '-/viewer',
      ]);
      expect(roles.find((r) => r.name === 'console-admin')?.createdAt).toBe(7);
      const tenants = await store.authz.listTenants('PA');
      expect(tenants.map((t) => [t.tenantId, t.name])).toEqual([
        ['T1', 'Acme'],
        ['T2', 'T2'],
      ]);
    } finally {
      await store.close();
    }
  });
});
