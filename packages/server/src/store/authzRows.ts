// authzRows: the rows of `permissions`, `roles` and `tenants` as both SQL adapters read them, and their mappers.
// Project roles are stored with tenant_id '' (a primary key column cannot be null); records use null.
import type { PermissionRecord, RoleRecord, TenantRecord } from './authzPorts.js';
import type { ColumnDecoding } from './rows.js';

/** tenant_id of a project role. */
export const PROJECT_SCOPE = '';

export const scopeOf = (tenantId: string | null): string => tenantId ?? PROJECT_SCOPE;

export interface PermissionRow {
  project_id: string;
  name: string;
  description: string;
  created_at: number;
}

export interface RoleRow {
  project_id: string;
  tenant_id: string;
  name: string;
  description: string;
  /** JSON: string[]. */
  permission_names: unknown;
  /** Boolean. */
  is_default: unknown;
  created_at: number;
}

export interface TenantRow {
  project_id: string;
  tenant_id: string;
  name: string;
  /** JSON: string[]. */
  self_provisioning_domains: unknown;
  /** JSON object. */
  custom_attributes: unknown;
  /** Boolean. */
  disabled: unknown;
  created_at: number;
}

export function permissionRecordOf(r: PermissionRow): PermissionRecord {
  return { projectId: r.project_id, name: r.name, description: r.description, createdAt: r.created_at };
}

export function roleRecordOf(r: RoleRow, columns: ColumnDecoding): RoleRecord {
  return {
    projectId: r.project_id,
    name: r.name,
    tenantId: r.tenant_id === PROJECT_SCOPE ? null : r.tenant_id,
    description: r.description,
    permissionNames: columns.json<string[]>(r.permission_names),
    isDefault: columns.bool(r.is_default),
    createdAt: r.created_at,
  };
}

export function tenantRecordOf(r: TenantRow, columns: ColumnDecoding): TenantRecord {
  return {
    projectId: r.project_id,
    tenantId: r.tenant_id,
    name: r.name,
    selfProvisioningDomains: columns.json<string[]>(r.self_provisioning_domains),
    customAttributes: columns.json<Record<string, unknown>>(r.custom_attributes),
    disabled: columns.bool(r.disabled),
    createdAt: r.created_at,
  };
}

/** `names` with `from` replaced by `to` (once), or removed when `to` is null; order kept. */
export function renamedIn(names: readonly string[], from: string, to: string | null): string[] {
  const out: string[] = [];
  for (const n of names) {
    const next = n === from ? to : n;
    if (next !== null && !out.includes(next)) out.push(next);
  }
  return out;
}
