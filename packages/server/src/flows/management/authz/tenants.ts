// Management of a project's tenants (management.tenant.*): create (id given or generated), update, delete, load, search.
import { errors, NotpError } from '@notp/core';
import { randomAlphanumeric } from '../../../crypto/randomAlphanumeric.js';
import type { Deps } from '../../../deps.js';
import type { TenantQuery, TenantRecord } from '../../../store/authzPorts.js';
import { rewriteUsers } from './rewriteUsers.js';

type AuthzDeps = Pick<Deps, 'store' | 'clock' | 'random'>;

export interface TenantInput {
  id?: string;
  name?: string;
  selfProvisioningDomains?: string[];
  customAttributes?: Record<string, unknown>;
  disabled?: boolean;
}

export interface TenantResponse {
  id: string;
  name: string;
  selfProvisioningDomains: string[];
  customAttributes: Record<string, unknown>;
  disabled: boolean;
  /** Epoch seconds. */
  createdTime: number;
}

export const toTenantResponse = (t: TenantRecord): TenantResponse => ({
  id: t.tenantId,
  name: t.name,
  selfProvisioningDomains: [...t.selfProvisioningDomains],
  customAttributes: { ...t.customAttributes },
  disabled: t.disabled,
  createdTime: Math.floor(t.createdAt / 1000),
});

/** `T` + 27 alphanumerics, the shape of the hosted service's tenant ids. */
const newTenantId = (random: Deps['random']): string => `T${randomAlphanumeric(random, 27)}`;

const notFound = (id: string) => new NotpError(errors.tenantNotFound, { message: `Tenant "${id}" does not exist` });

export async function createTenant(deps: AuthzDeps, projectId: string, input: TenantInput): Promise<{ id: string }> {
  if (!input.name) throw new NotpError(errors.missingArguments, { message: 'name is required' });
  const tenant: TenantRecord = {
    projectId,
    tenantId: input.id || newTenantId(deps.random),
    name: input.name,
    selfProvisioningDomains: [...new Set(input.selfProvisioningDomains ?? [])],
    customAttributes: { ...input.customAttributes },
    disabled: input.disabled === true,
    createdAt: deps.clock.now(),
  };
  if (!(await deps.store.authz.createTenant(tenant))) {
    throw new NotpError(errors.tenantExists, { message: `Tenant "${tenant.tenantId}" already exists` });
  }
  return { id: tenant.tenantId };
}

/** The fields present replace the stored ones; absent (or null) fields keep their value. */
export async function updateTenant(
  deps: AuthzDeps,
  projectId: string,
  input: TenantInput & { id: string },
): Promise<void> {
  const current = await deps.store.authz.getTenant(projectId, input.id);
  if (!current) throw notFound(input.id);
  const next: TenantRecord = {
    ...current,
    name: input.name || current.name,
    selfProvisioningDomains: input.selfProvisioningDomains
      ? [...new Set(input.selfProvisioningDomains)]
      : current.selfProvisioningDomains,
    customAttributes: input.customAttributes ? { ...input.customAttributes } : current.customAttributes,
    disabled: input.disabled ?? current.disabled,
  };
  if (!(await deps.store.authz.updateTenant(next))) throw notFound(input.id);
}

/** Deletes the tenant with its roles, and takes it from its members (users themselves stay). */
export async function deleteTenant(deps: AuthzDeps, projectId: string, id: string): Promise<void> {
  if (!(await deps.store.authz.deleteTenant(projectId, id))) throw notFound(id);
  await rewriteUsers(deps, projectId, { tenantIds: [id] }, (user) => ({
    ...user,
    userTenants: user.userTenants.filter((t) => t.tenantId !== id),
  }));
}

export async function loadTenant(deps: Pick<Deps, 'store'>, projectId: string, id: string): Promise<TenantResponse> {
  const tenant = await deps.store.authz.getTenant(projectId, id);
  if (!tenant) throw notFound(id);
  return toTenantResponse(tenant);
}

export interface TenantSearchInput {
  tenantIds?: string[];
  tenantNames?: string[];
  tenantSelfProvisioningDomains?: string[];
  customAttributes?: Record<string, unknown>;
}

export async function searchTenants(
  deps: Pick<Deps, 'store'>,
  projectId: string,
  input: TenantSearchInput = {},
): Promise<{ tenants: TenantResponse[] }> {
  const query: TenantQuery = {};
  if (input.tenantIds?.length) query.ids = input.tenantIds;
  if (input.tenantNames?.length) query.names = input.tenantNames;
  if (input.tenantSelfProvisioningDomains?.length) query.selfProvisioningDomains = input.tenantSelfProvisioningDomains;
  let tenants = await deps.store.authz.listTenants(projectId, query);
  // Custom attributes: every given attribute must equal the tenant's (tenants are few per project; filtered here).
  const wanted = Object.entries(input.customAttributes ?? {});
  if (wanted.length > 0) {
    tenants = tenants.filter((t) =>
      wanted.every(([k, v]) => JSON.stringify(t.customAttributes[k]) === JSON.stringify(v)),
    );
  }
  return { tenants: tenants.map(toTenantResponse) };
}
