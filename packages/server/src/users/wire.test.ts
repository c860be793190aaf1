import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../store/ports.js';
import { newUserId } from './newUserId.js';
import { toUserResponse } from './wire.js';
import { systemRandom } from '../deps.js';

const base: UserRecord = {
  projectId: 'P1',
  userId: 'U1',
  loginIds: ['+16505551234'],
  phone: '+16505551234',
  verifiedEmail: false,
  verifiedPhone: true,
  waId: '16505551234',
  waBsuid: 'US.123',
  roleNames: ['admin'],
  userTenants: [
    { tenantId: 'T1', tenantName: 'Acme', roleNames: ['viewer'] },
    { tenantId: 'T2', roleNames: [] },
  ],
  status: 'enabled',
  customAttributes: { plan: 'pro' },
  test: false,
  createdAt: 1_682_612_331_999,
  updatedAt: 1_682_612_400_000,
};

describe('toUserResponse', () => {
  it('maps a phone user to the contract shape (seconds, externalIds, no internal fields)', () => {
    expect(toUserResponse(base)).toEqual({
      loginIds: ['+16505551234'],
      userId: 'U1',
      phone: '+16505551234',
      verifiedEmail: false,
      verifiedPhone: true,
      roleNames: ['admin'],
      userTenants: [
        { tenantId: 'T1', tenantName: 'Acme', roleNames: ['viewer'] },
        { tenantId: 'T2', roleNames: [] },
      ],
      status: 'enabled',
      externalIds: ['+16505551234'],
      customAttributes: { plan: 'pro' },
      createdTime: 1_682_612_331,
      test: false,
    });
  });

  it('includes optional names and email only when set, and copies arrays', () => {
    const u = { ...base, name: 'Joe Person', email: 'joe@example.com', givenName: 'Joe' };
    const out = toUserResponse(u);
    expect(out).toMatchObject({ name: 'Joe Person', email: 'joe@example.com', givenName: 'Joe' });
    expect(out).not.toHaveProperty('familyName');
    out.loginIds.push('x');
    expect(u.loginIds).toEqual(['+16505551234']);
  });
});

describe('newUserId', () => {
  it('is U + 27 alphanumerics and unique', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newUserId(systemRandom)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^U[A-Za-z0-9]{27}$/);
  });
});
