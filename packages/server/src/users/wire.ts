// A stored user → the API's user object (JWTResponse.user, GET /v1/auth/me, management answers).
import type { UserResponse } from '@notp/core';
import type { UserRecord } from '../store/ports.js';

/** Optional text fields: copied only when set, so the JSON carries no `null`/`undefined` members. */
const OPTIONAL_FIELDS = ['name', 'givenName', 'middleName', 'familyName', 'email', 'phone', 'picture'] as const;

export function toUserResponse(u: UserRecord): UserResponse {
  const out: UserResponse = {
    loginIds: [...u.loginIds],
    userId: u.userId,
    verifiedEmail: u.verifiedEmail,
    verifiedPhone: u.verifiedPhone,
    roleNames: [...u.roleNames],
    userTenants: u.userTenants.map((t) =>
      t.tenantName === undefined
        ? { tenantId: t.tenantId, roleNames: [...t.roleNames] }
        : { tenantId: t.tenantId, tenantName: t.tenantName, roleNames: [...t.roleNames] },
    ),
    status: u.status,
    // The public API lists login ids as external ids too.
    externalIds: [...u.loginIds],
    customAttributes: { ...u.customAttributes },
    createdTime: Math.floor(u.createdAt / 1000), // epoch seconds on the wire
    test: u.test,
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = u[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}
