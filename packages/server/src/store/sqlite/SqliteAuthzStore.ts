// Roles, permissions and tenants on SQLite: three tables; list filters are one static statement each (null = off).
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
  renamedIn,
  roleRecordOf,
  scopeOf,
  type TenantRow,
  tenantRecordOf,
} from '../authzRows.js';
import { sqliteColumns } from '../rows.js';
import type { SqliteDatabase } from './sqliteDatabase.js';

/** A list filter as a JSON parameter for `json_each`, or null when absent/empty (= no filter). */
const listParam = (values: readonly string[] | undefined): string | null =>
  values && values.length > 0 ? JSON.stringify(values) : null;

const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const ROLE_LIST = `SELECT * FROM roles WHERE project_id = @projectId
  AND ((tenant_id = '' AND @includeProject = 1)
    OR (tenant_id <> '' AND (@tenantIds IS NULL OR tenant_id IN (SELECT value FROM json_each(@tenantIds)))))
  AND (@names IS NULL OR name IN (SELECT value FROM json_each(@names)))
  AND (@nameLike IS NULL OR lower(name) LIKE @nameLike ESCAPE '\\')
  AND (@permissions IS NULL OR EXISTS (SELECT 1 FROM json_each(roles.permission_names) p
    WHERE p.value IN (SELECT value FROM json_each(@permissions))))
  ORDER BY tenant_id, name`;

const TENANT_LIST = `SELECT * FROM tenants WHERE project_id = @projectId
  AND (@ids IS NULL OR tenant_id IN (SELECT value FROM json_each(@ids)))
  AND (@names IS NULL OR name IN (SELECT value FROM json_each(@names)))
  AND (@domains IS NULL OR EXISTS (SELECT 1 FROM json_each(tenants.self_provisioning_domains) d
    WHERE d.value IN (SELECT value FROM json_each(@domains))))
  ORDER BY tenant_id`;

function prepareStatements(db: SqliteDatabase) {
  return {
    insertPermission: db.prepare(
      'INSERT INTO permissions (project_id, name, description, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    selectPermission: db.prepare('SELECT * FROM permissions WHERE project_id = ? AND name = ?'),
    updatePermission: db.prepare('UPDATE permissions SET name = ?, description = ? WHERE project_id = ? AND name = ?'),
    deletePermission: db.prepare('DELETE FROM permissions WHERE project_id = ? AND name = ?'),
    listPermissions: db.prepare('SELECT * FROM permissions WHERE project_id = ? ORDER BY name'),
    rolesWithPermission: db.prepare(`SELECT * FROM roles WHERE project_id = ?
      AND EXISTS (SELECT 1 FROM json_each(roles.permission_names) p WHERE p.value = ?)`),
    setRolePermissions: db.prepare(
      'UPDATE roles SET permission_names = ? WHERE project_id = ? AND tenant_id = ? AND name = ?',
    ),
    insertRole: db.prepare(`INSERT INTO roles
        (project_id, tenant_id, name, description, permission_names, is_default, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    selectRole: db.prepare('SELECT * FROM roles WHERE project_id = ? AND tenant_id = ? AND name = ?'),
    updateRole: db.prepare(`UPDATE roles SET name = ?, description = ?, permission_names = ?, is_default = ?
      WHERE project_id = ? AND tenant_id = ? AND name = ?`),
    deleteRole: db.prepare('DELETE FROM roles WHERE project_id = ? AND tenant_id = ? AND name = ?'),
    deleteTenantRoles: db.prepare('DELETE FROM roles WHERE project_id = ? AND tenant_id = ?'),
    listRoles: db.prepare(ROLE_LIST),
    insertTenant: db.prepare(`INSERT INTO tenants
        (project_id, tenant_id, name, self_provisioning_domains, custom_attributes, disabled, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    updateTenant: db.prepare(`UPDATE tenants SET name = ?, self_provisioning_domains = ?, custom_attributes = ?,
      disabled = ? WHERE project_id = ? AND tenant_id = ?`),
    selectTenant: db.prepare('SELECT * FROM tenants WHERE project_id = ? AND tenant_id = ?'),
    deleteTenant: db.prepare('DELETE FROM tenants WHERE project_id = ? AND tenant_id = ?'),
    listTenants: db.prepare(TENANT_LIST),
  };
}

export class SqliteAuthzStore implements AuthzStore {
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly renamePermissionTx: (
    projectId: string,
    name: string,
    next: { name: string; description: string },
  ) => AuthzUpdateResult;
  private readonly deletePermissionTx: (projectId: string, name: string) => boolean;
  private readonly updateRoleTx: (
    projectId: string,
    scope: string,
    name: string,
    next: RoleRecord,
  ) => AuthzUpdateResult;
  private readonly deleteTenantTx: (projectId: string, tenantId: string) => boolean;

  constructor(db: SqliteDatabase) {
    const s = prepareStatements(db);
    this.s = s;
    const rewriteRoles = (projectId: string, from: string, to: string | null): void => {
      for (const row of s.rolesWithPermission.all(projectId, from) as RoleRow[]) {
        const role = roleRecordOf(row, sqliteColumns);
        const names = JSON.stringify(renamedIn(role.permissionNames, from, to));
        s.setRolePermissions.run(names, projectId, row.tenant_id, row.name);
      }
    };
    this.renamePermissionTx = db.immediateTransaction((projectId, name, next) => {
      if (!s.selectPermission.get(projectId, name)) return 'not-found';
      if (next.name !== name && s.selectPermission.get(projectId, next.name)) return 'name-taken';
      s.updatePermission.run(next.name, next.description, projectId, name);
      if (next.name !== name) rewriteRoles(projectId, name, next.name);
      return 'ok';
    });
    this.deletePermissionTx = db.immediateTransaction((projectId, name) => {
      if (s.deletePermission.run(projectId, name).changes === 0) return false;
      rewriteRoles(projectId, name, null);
      return true;
    });
    this.updateRoleTx = db.immediateTransaction((projectId, scope, name, next) => {
      if (!s.selectRole.get(projectId, scope, name)) return 'not-found';
      if (next.name !== name && s.selectRole.get(projectId, scope, next.name)) return 'name-taken';
      s.updateRole.run(
        next.name,
        next.description,
        JSON.stringify(next.permissionNames),
        next.isDefault ? 1 : 0,
        projectId,
        scope,
        name,
      );
      return 'ok';
    });
    this.deleteTenantTx = db.immediateTransaction((projectId, tenantId) => {
      if (s.deleteTenant.run(projectId, tenantId).changes === 0) return false;
      s.deleteTenantRoles.run(projectId, tenantId);
      return true;
    });
  }

  async createPermission(p: PermissionRecord): Promise<boolean> {
    return this.s.insertPermission.run(p.projectId, p.name, p.description, p.createdAt).changes > 0;
  }

  async updatePermission(
    projectId: string,
    name: string,
    next: { name: string; description: string },
  ): Promise<AuthzUpdateResult> {
    return this.renamePermissionTx(projectId, name, next);
  }

  async deletePermission(projectId: string, name: string): Promise<boolean> {
    return this.deletePermissionTx(projectId, name);
  }

  async listPermissions(projectId: string): Promise<PermissionRecord[]> {
    return (this.s.listPermissions.all(projectId) as PermissionRow[]).map(permissionRecordOf);
  }

  async createRole(r: RoleRecord): Promise<boolean> {
    const changes = this.s.insertRole.run(
      r.projectId,
      scopeOf(r.tenantId),
      r.name,
      r.description,
      JSON.stringify(r.permissionNames),
      r.isDefault ? 1 : 0,
      r.createdAt,
    ).changes;
    return changes > 0;
  }

  async updateRole(
    projectId: string,
    tenantId: string | null,
    name: string,
    next: RoleRecord,
  ): Promise<AuthzUpdateResult> {
    return this.updateRoleTx(projectId, scopeOf(tenantId), name, next);
  }

  async deleteRole(projectId: string, tenantId: string | null, name: string): Promise<boolean> {
    return this.s.deleteRole.run(projectId, scopeOf(tenantId), name).changes > 0;
  }

  async listRoles(projectId: string, query: RoleQuery = {}): Promise<RoleRecord[]> {
    // With tenantIds (even empty): only those tenants' roles, plus the project roles when asked; without: all roles.
    const scoped = query.tenantIds !== undefined;
    const rows = this.s.listRoles.all({
      projectId,
      includeProject: !scoped || query.includeProjectRoles === true ? 1 : 0,
      tenantIds: scoped ? JSON.stringify(query.tenantIds) : null,
      names: listParam(query.names),
      nameLike: query.nameLike ? containsPattern(query.nameLike) : null,
      permissions: listParam(query.permissionNames),
    }) as RoleRow[];
    return rows.map((r) => roleRecordOf(r, sqliteColumns));
  }

  async createTenant(t: TenantRecord): Promise<boolean> {
    const changes = this.s.insertTenant.run(
      t.projectId,
      t.tenantId,
      t.name,
      JSON.stringify(t.selfProvisioningDomains),
      JSON.stringify(t.customAttributes),
      t.disabled ? 1 : 0,
      t.createdAt,
    ).changes;
    return changes > 0;
  }

  async updateTenant(t: TenantRecord): Promise<boolean> {
    const changes = this.s.updateTenant.run(
      t.name,
      JSON.stringify(t.selfProvisioningDomains),
      JSON.stringify(t.customAttributes),
      t.disabled ? 1 : 0,
      t.projectId,
      t.tenantId,
    ).changes;
    return changes > 0;
  }

  async deleteTenant(projectId: string, tenantId: string): Promise<boolean> {
    return this.deleteTenantTx(projectId, tenantId);
  }

  async getTenant(projectId: string, tenantId: string): Promise<TenantRecord | null> {
    const row = this.s.selectTenant.get(projectId, tenantId) as TenantRow | undefined;
    return row ? tenantRecordOf(row, sqliteColumns) : null;
  }

  async listTenants(projectId: string, query: TenantQuery = {}): Promise<TenantRecord[]> {
    const rows = this.s.listTenants.all({
      projectId,
      ids: listParam(query.ids),
      names: listParam(query.names),
      domains: listParam(query.selfProvisioningDomains),
    }) as TenantRow[];
    return rows.map((r) => tenantRecordOf(r, sqliteColumns));
  }
}
