// POST /v1/auth/me/tenants: the signed-in user's tenants — the current one (`dct: true`), the named `ids`, or all.
import type { TenantsResponse } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import type { SessionDeps } from './mintSession.js';

export async function listMyTenants(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
  query: { dct?: boolean; ids?: string[] },
): Promise<TenantsResponse> {
  const { session, user } = await authenticateRefresh(deps, project, refreshJwt);
  let tenants = user.userTenants;
  if (query.dct === true) tenants = tenants.filter((t) => t.tenantId === session.tenantId);
  else if (query.ids && query.ids.length > 0) {
    const wanted = new Set(query.ids);
    tenants = tenants.filter((t) => wanted.has(t.tenantId));
  }
  // notp keeps tenant names on the membership; there is no tenant record with custom attributes yet.
  return { tenants: tenants.map((t) => ({ id: t.tenantId, name: t.tenantName ?? '' })) };
}
