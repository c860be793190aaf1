// Role and permission checks over a validated session's claims (top level, or per tenant under `tenants`).
import type { AuthenticationInfo } from '@notp/core';

type Claim = 'roles' | 'permissions';

function claimList(authInfo: AuthenticationInfo, claim: Claim, tenant: string): string[] {
  let value: unknown;
  if (tenant) {
    const tenants = authInfo.token['tenants'] as Record<string, Record<string, unknown>> | undefined;
    value = tenants?.[tenant]?.[claim];
  } else {
    value = authInfo.token[claim];
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function inTenant(authInfo: AuthenticationInfo, tenant: string): boolean {
  const tenants = authInfo.token['tenants'] as Record<string, unknown> | undefined;
  return !!tenants?.[tenant];
}

/** The subset of `wanted` the session holds (`tenant` '' = top-level claims). */
export function getMatched(authInfo: AuthenticationInfo, claim: Claim, tenant: string, wanted: string[]): string[] {
  if (tenant && !inTenant(authInfo, tenant)) return [];
  const held = new Set(claimList(authInfo, claim, tenant));
  return wanted.filter((w) => held.has(w));
}

/** True when the session holds every one of `wanted` (and, for a tenant, belongs to it). */
export function holdsAll(authInfo: AuthenticationInfo, claim: Claim, tenant: string, wanted: string[]): boolean {
  if (tenant && !inTenant(authInfo, tenant)) return false;
  const held = new Set(claimList(authInfo, claim, tenant));
  return wanted.every((w) => held.has(w));
}
