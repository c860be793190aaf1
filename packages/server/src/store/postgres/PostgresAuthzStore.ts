// Roles, permissions and tenants on PostgreSQL: three tables; renames and deletes that touch roles are transactions.
import type pg from 'pg';
import type {
  AuthzStore,
  AuthzUpdateResult,
  PermissionRecord,
  RoleQuery,
  RoleRecord,
  TenantQuery,
  TenantRecord,
} from '../authzPorts.js';
import {
  type PermissionRow,
  permissionRecordOf,
  type RoleRow,
  roleRecordOf,
  scopeOf,
  type TenantRow,
  tenantRecordOf,
} from '../authzRows.js';
import { postgresColumns } from '../rows.js';
import { inTransaction } from './inTransaction.js';

const listParam = (values: readonly string[] | undefined): string[] | null =>
  values && values.length > 0 ? [...values] : null;

const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// $1 project, $2 include project roles, $3 tenant ids (null = every tenant), $4 names, $5 name pattern, $6 permissions.
const ROLE_LIST = `SELECT * FROM roles WHERE project_id = $1
  AND ((tenant_id = '' AND $2::boolean) OR (tenant_id <> '' AND ($3::text[] IS NULL OR tenant_id = ANY($3::text[]))))
  AND ($4::text[] IS NULL OR name = ANY($4::text[]))
  AND ($5::text IS NULL OR lower(name) LIKE $5 ESCAPE '\\')
  AND ($6::text[] IS NULL OR permission_names ?| $6::text[])
  ORDER BY tenant_id, name`;

// $1 project, $2 ids, $3 names, $4 self-provisioning domains.
const TENANT_LIST = `SELECT * FROM tenants WHERE project_id = $1
  AND ($2::text[] IS NULL OR tenant_id = ANY($2::text[]))
  AND ($3::text[] IS NULL OR name = ANY($3::text[]))
  AND ($4::text[] IS NULL OR self_provisioning_domains ?| $4::text[])
  ORDER BY tenant_id`;

// Rewrites one permission name inside every role of the project that holds it ($3 null = remove), order kept.
const REWRITE_ROLE_PERMISSIONS = `UPDATE roles SET permission_names = (
    SELECT coalesce(jsonb_agg(name_ ORDER BY first_pos), '[]'::jsonb) FROM (
      SELECT n AS name_, min(pos) AS first_pos
      FROM (SELECT CASE WHEN e.v = $2 THEN $3 ELSE e.v END AS n, e.pos
            FROM jsonb_array_elements_text(roles.permission_names) WITH ORDINALITY AS e(v, pos)) renamed
      WHERE n IS NOT NULL GROUP BY n) kept)
  WHERE project_id = $1 AND permission_names ? $2`;

export class PostgresAuthzStore implements AuthzStore {
  constructor(private readonly pool: pg.Pool) {}

  async createPermission(p: PermissionRecord): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO permissions (project_id, name, description, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [p.projectId, p.name, p.description, p.createdAt],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async updatePermission(
    projectId: string,
    name: string,
    next: { name: string; description: string },
  ): Promise<AuthzUpdateResult> {
    return inTransaction(this.pool, async (client) => {
      const current = await client.query('SELECT 1 FROM permissions WHERE project_id = $1 AND name = $2 FOR UPDATE', [
        projectId,
        name,
      ]);
      if (current.rowCount === 0) return 'not-found';
      if (next.name !== name) {
        // The insert-then-delete keeps the primary key the arbiter when two renames race to one name.
        const taken = await client.query(
          `INSERT INTO permissions (project_id, name, description, created_at)
           SELECT project_id, $3, $4, created_at FROM permissions WHERE project_id = $1 AND name = $2
           ON CONFLICT DO NOTHING`,
          [projectId, name, next.name, next.description],
        );
        if (taken.rowCount === 0) return 'name-taken';
        await client.query('DELETE FROM permissions WHERE project_id = $1 AND name = $2', [projectId, name]);
        await client.query(REWRITE_ROLE_PERMISSIONS, [projectId, name, next.name]);
      } else {
        await client.query('UPDATE permissions SET description = $3 WHERE project_id = $1 AND name = $2', [
          projectId,
          name,
          next.description,
        ]);
      }
      return 'ok';
    });
  }

  async deletePermission(projectId: string, name: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query('DELETE FROM permissions WHERE project_id = $1 AND name = $2', [projectId, name]);
      if (r.rowCount === 0) return false;
      await client.query(REWRITE_ROLE_PERMISSIONS, [projectId, name, null]);
      return true;
    });
  }

  async listPermissions(projectId: string): Promise<PermissionRecord[]> {
    const r = await this.pool.query<PermissionRow>('SELECT * FROM permissions WHERE project_id = $1 ORDER BY name', [
      projectId,
    ]);
    return r.rows.map(permissionRecordOf);
  }

  async createRole(role: RoleRecord): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        role.projectId,
        scopeOf(role.tenantId),
        role.name,
        role.description,
        JSON.stringify(role.permissionNames),
        role.isDefault,
        role.createdAt,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async updateRole(
    projectId: string,
    tenantId: string | null,
    name: string,
    next: RoleRecord,
  ): Promise<AuthzUpdateResult> {
    const scope = scopeOf(tenantId);
    return inTransaction(this.pool, async (client) => {
      const current = await client.query(
        'SELECT 1 FROM roles WHERE project_id = $1 AND tenant_id = $2 AND name = $3 FOR UPDATE',
        [projectId, scope, name],
      );
      if (current.rowCount === 0) return 'not-found';
      if (next.name !== name) {
        const taken = await client.query('SELECT 1 FROM roles WHERE project_id = $1 AND tenant_id = $2 AND name = $3', [
          projectId,
          scope,
          next.name,
        ]);
        if ((taken.rowCount ?? 0) > 0) return 'name-taken';
      }
      try {
        await client.query(
          `UPDATE roles SET name = $4, description = $5, permission_names = $6, is_default = $7
           WHERE project_id = $1 AND tenant_id = $2 AND name = $3`,
          [projectId, scope, name, next.name, next.description, JSON.stringify(next.permissionNames), next.isDefault],
        );
      } catch (err) {
        // A concurrent rename to the same name committed between our check and our update.
        if ((err as { code?: string }).code === '23505') return 'name-taken';
        throw err;
      }
      return 'ok';
    });
  }

  async deleteRole(projectId: string, tenantId: string | null, name: string): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM roles WHERE project_id = $1 AND tenant_id = $2 AND name = $3', [
      projectId,
      scopeOf(tenantId),
      name,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async listRoles(projectId: string, query: RoleQuery = {}): Promise<RoleRecord[]> {
    const scoped = query.tenantIds !== undefined;
    const r = await this.pool.query<RoleRow>(ROLE_LIST, [
      projectId,
      !scoped || query.includeProjectRoles === true,
      scoped ? [...(query.tenantIds ?? [])] : null,
      listParam(query.names),
      query.nameLike ? containsPattern(query.nameLike) : null,
      listParam(query.permissionNames),
    ]);
    return r.rows.map((row) => roleRecordOf(row, postgresColumns));
  }

  async createTenant(t: TenantRecord): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO tenants
         (project_id, tenant_id, name, self_provisioning_domains, custom_attributes, disabled, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        t.projectId,
        t.tenantId,
        t.name,
        JSON.stringify(t.selfProvisioningDomains),
        JSON.stringify(t.customAttributes),
        t.disabled,
        t.createdAt,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async updateTenant(t: TenantRecord): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE tenants SET name = $3, self_provisioning_domains = $4, custom_attributes = $5, disabled = $6
       WHERE project_id = $1 AND tenant_id = $2`,
      [
        t.projectId,
        t.tenantId,
        t.name,
        JSON.stringify(t.selfProvisioningDomains),
        JSON.stringify(t.customAttributes),
        t.disabled,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async deleteTenant(projectId: string, tenantId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query('DELETE FROM tenants WHERE project_id = $1 AND tenant_id = $2', [
        projectId,
        tenantId,
      ]);
      if (r.rowCount === 0) return false;
      await client.query('DELETE FROM roles WHERE project_id = $1 AND tenant_id = $2', [projectId, tenantId]);
      return true;
    });
  }

  async getTenant(projectId: string, tenantId: string): Promise<TenantRecord | null> {
    const r = await this.pool.query<TenantRow>('SELECT * FROM tenants WHERE project_id = $1 AND tenant_id = $2', [
      projectId,
      tenantId,
    ]);
    return r.rows[0] ? tenantRecordOf(r.rows[0], postgresColumns) : null;
  }

  async listTenants(projectId: string, query: TenantQuery = {}): Promise<TenantRecord[]> {
    const r = await this.pool.query<TenantRow>(TENANT_LIST, [
      projectId,
      listParam(query.ids),
      listParam(query.names),
      listParam(query.selfProvisioningDomains),
    ]);
    return r.rows.map((row) => tenantRecordOf(row, postgresColumns));
  }
}
