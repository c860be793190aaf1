// sessionClaims (pure): roles, the union of their permissions and per-tenant claims come only from existing roles.
import { describe, expect, it } from 'vitest';
import type { ResolvedAuthz } from './resolveAuthz.js';
import { sessionClaims } from './sessionClaims.js';

const session = { amr: ['whatsapp'], tenantId: null, customClaims: {}, customClaimsTrusted: true };
const authz: ResolvedAuthz = {
  projectRoles: new Map([
    ['reader', ['read']],
    ['writer', ['read', 'write']],
  ]),
  tenants: new Map([
    ['T1', new Map([['owner', ['admin', 'read']]])],
    ['T2', new Map()],
  ]),
};
const user = (over: Partial<Parameters<typeof sessionClaims>[0]> = {}) => ({
  userId: 'U1',
  roleNames: ['writer', 'reader', 'deleted-role'],
  userTenants: [
    { tenantId: 'T1', roleNames: ['owner', 'reader', 'gone'] },
    { tenantId: 'T2', roleNames: ['owner'] },
    { tenantId: 'T-deleted', roleNames: ['reader'] },
  ],
  ...over,
});

describe('sessionClaims', () => {
  it('keeps existing roles in order and unions their permissions once', () => {
    const claims = sessionClaims(user(), session, authz);
    expect(claims.roles).toEqual(['writer', 'reader']);
    expect(claims.permissions).toEqual(['read', 'write']);
  });

  it("per tenant: the tenant's own roles, then project roles; tenants that no longer exist are left out", () => {
    const claims = sessionClaims(user(), { ...session, tenantId: 'T-deleted' }, authz);
    expect(claims.tenants).toEqual({
      T1: { roles: ['owner', 'reader'], permissions: ['admin', 'read'] },
      // T1's own "owner" role does not exist in T2.
      T2: { roles: [], permissions: [] },
    });
    expect(claims.dct).toBeUndefined();
    expect(sessionClaims(user(), { ...session, tenantId: 'T1' }, authz).dct).toBe('T1');
  });

  it('custom claims never replace the authorisation claims', () => {
    const claims = sessionClaims(
      user({ roleNames: [] }),
      { ...session, customClaims: { roles: ['admin'], permissions: ['all'], tenants: {}, plan: 'pro' } },
      authz,
    );
    expect(claims).toMatchObject({ roles: [], permissions: [], plan: 'pro' });
  });

  it('untrusted custom claims (a start without the auth management key) go under nsec, never at the top level', () => {
    const claims = sessionClaims(
      user({ roleNames: [] }),
      { ...session, customClaimsTrusted: false, customClaims: { isAdmin: true, roles: ['admin'] } },
      authz,
    );
    expect(claims).toMatchObject({ nsec: { isAdmin: true }, roles: [], permissions: [] });
    expect(claims).not.toHaveProperty('isAdmin');
  });
});
