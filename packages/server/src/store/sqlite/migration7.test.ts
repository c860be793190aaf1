// Migration 7 on a database with data: every project gets console-admin, and the roles and tenants users already
// held become roles and tenant records, so sessions minted after the upgrade keep their claims.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../createStore.js';
import { applyMigrations } from './applyMigrations.js';
import { migrations } from './migrations.js';
import { openSqliteDatabase, resolveSqliteDriver } from './sqliteDriver.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite migration 7 (roles, permissions, tenants)', () => {
  it('backfills the built-in role and the roles and tenants users hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notp-m5-'));
    dirs.push(dir);
    const path = join(dir, 'notp.db');
    const db = openSqliteDatabase(path, resolveSqliteDriver('auto'));
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 7),
    );
    db.prepare(
      "INSERT INTO projects (project_id, name, management_key_hash, settings, created_at) VALUES (?, 'A', '00', '{}', 7)",
    ).run('PA');
    const insertUser = db.prepare(`INSERT INTO users (project_id, user_id, login_ids, verified_email, verified_phone,
      role_names, user_tenants, status, custom_attributes, test, created_at, updated_at)
      VALUES ('PA', ?, '[]', 0, 0, ?, ?, 'enabled', '{}', 0, 1, 1)`);
    insertUser.run('U1', '["admin","viewer"]', '[{"tenantId":"T1","tenantName":"Acme","roleNames":["owner"]}]');
    insertUser.run('U2', '["admin"]', '[{"tenantId":"T1","roleNames":[]},{"tenantId":"T2","roleNames":[]}]');
    db.close();

    const store = await createStore(`sqlite:${path}`);
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
