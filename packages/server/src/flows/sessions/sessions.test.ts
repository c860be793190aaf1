// Session flows on the real SQLite store: refresh (rotation, reuse detection), logout, logout-all, me, tenants, history.
import { errors } from '@notp/core';
import { describe, expect, it } from 'vitest';
import type { ProjectSettings } from '../../store/ports.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import { currentUser } from './currentUser.js';
import { listMyLoginHistory } from './listMyLoginHistory.js';
import { listMyTenants } from './listMyTenants.js';
import { logout } from './logout.js';
import { logoutAll } from './logoutAll.js';
import { refreshSession } from './refreshSession.js';
import { selectTenant } from './selectTenant.js';
import { tryRefreshSession } from './tryRefreshSession.js';
import {
  closeKitAfterEach,
  codeOf,
  loginAs,
  makeSessionKit,
  payloadOf,
  type SessionKit,
} from './testing/makeSessionKit.js';

let kit: SessionKit;
closeKitAfterEach(() => kit);

async function setUp(settings: Partial<ProjectSettings> = {}, env: Record<string, string> = {}) {
  kit = await makeSessionKit(settings, env);
  return kit;
}

const login = (extra: Parameters<typeof loginAs>[1] = {}) => loginAs(kit, extra);

describe('refreshSession', () => {
  it('without rotation: a new session JWT with fresh expiry; the refresh JWT stays the client’s', async () => {
    await setUp();
    const first = await login({ customClaims: { plan: 'pro' }, customClaimsTrusted: true, tenantId: 'T2' });
    kit.clock.advance(700_000); // the session JWT has expired, the refresh JWT has not
    const refreshed = (await refreshSession(kit.deps, kit.project, first.refreshJwt)).response;
    expect(refreshed.refreshJwt).toBeUndefined();
    expect(refreshed.sessionExpiration).toBe(kit.clock.now() / 1000 + 600);
    expect(refreshed.claims).toMatchObject({ sub: kit.user.userId, plan: 'pro', dct: 'T2', amr: ['whatsapp'] });
    expect(refreshed.cookieMaxAge).toBe(3600 - 700);
    expect(refreshed).not.toHaveProperty('firstSeen');
    // Still usable.
    expect((await refreshSession(kit.deps, kit.project, first.refreshJwt)).response.sessionJwt).toMatch(/^ey/);
  });

  it('picks up role changes made since the login', async () => {
    await setUp();
    const first = await login();
    await kit.deps.store.users.update({ ...kit.user, roleNames: ['viewer'] });
    expect((await refreshSession(kit.deps, kit.project, first.refreshJwt)).response.claims.roles).toEqual(['viewer']);
  });

  it('with rotation: a new refresh JWT each time; reusing a rotated-out one revokes the whole family', async () => {
    await setUp({ refreshRotation: true });
    const first = await login();
    const second = (await refreshSession(kit.deps, kit.project, first.refreshJwt)).response;
    expect(second.refreshJwt).toBeDefined();
    expect(payloadOf(second.refreshJwt ?? '').jti).not.toBe(payloadOf(first.refreshJwt ?? '').jti);
    const third = (await refreshSession(kit.deps, kit.project, second.refreshJwt)).response;

    expect(await codeOf(refreshSession(kit.deps, kit.project, first.refreshJwt))).toBe(errors.tokenRevoked.code);
    // The thief's reuse also ended the legitimate holder's current token.
    expect(await codeOf(refreshSession(kit.deps, kit.project, third.refreshJwt))).toBe(errors.tokenRevoked.code);
  });

  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('custom claims keep their place across refreshes (trusted=%s, rotation=%s)', async (trusted, rotation) => {
    await setUp({ refreshRotation: rotation });
    const first = await login({ customClaims: { plan: 'pro' }, customClaimsTrusted: trusted });
    const second = (await refreshSession(kit.deps, kit.project, first.refreshJwt)).response;
    const third = (await refreshSession(kit.deps, kit.project, second.refreshJwt ?? first.refreshJwt)).response;
    for (const r of [second, third]) {
      if (trusted) expect(r.claims).toMatchObject({ plan: 'pro' });
      else expect(r.claims['nsec']).toEqual({ plan: 'pro' });
      expect(r.claims).not.toHaveProperty(trusted ? 'nsec' : 'plan');
    }
  });

  it('with rotation: of two concurrent refreshes with one token exactly one wins, and the family is revoked', async () => {
    await setUp({ refreshRotation: true });
    const first = await login();
    const results = await Promise.allSettled([
      refreshSession(kit.deps, kit.project, first.refreshJwt),
      refreshSession(kit.deps, kit.project, first.refreshJwt),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const sessions = await kit.deps.store.sessions.listForUser(kit.project.projectId, kit.user.userId);
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it.each([
    ['no token', async () => undefined, errors.invalidToken.code],
    ['garbage', async () => 'abc.def.ghi', errors.invalidToken.code],
    ['a session JWT instead of a refresh JWT', async () => (await login()).sessionJwt, errors.invalidToken.code],
    [
      'an expired refresh JWT',
      async () => {
        const r = await login();
        kit.clock.advance(3600_000 + 6000);
        return r.refreshJwt;
      },
      errors.invalidToken.code,
    ],
    [
      'a refresh JWT whose session record is gone',
      async () => {
        const r = await login();
        await kit.deps.store.users.delete(kit.project.projectId, kit.user.userId);
        return r.refreshJwt;
      },
      errors.invalidToken.code,
    ],
    [
      'a disabled user',
      async () => {
        const r = await login();
        await kit.deps.store.users.update({ ...kit.user, status: 'disabled' });
        return r.refreshJwt;
      },
      errors.userDisabled.code,
    ],
  ])('refuses %s', async (_, token, code) => {
    await setUp();
    const jwt = await token();
    expect(await codeOf(refreshSession(kit.deps, kit.project, jwt))).toBe(code);
    expect(await tryRefreshSession(kit.deps, kit.project, jwt)).toBeNull();
  });

  it('try-refresh refreshes a good token', async () => {
    await setUp();
    const first = await login();
    expect((await tryRefreshSession(kit.deps, kit.project, first.refreshJwt))?.response.claims.sub).toBe(
      kit.user.userId,
    );
  });
});

describe('logout and logoutAll', () => {
  it('logout revokes the session; later refreshes answer tokenRevoked; logout is idempotent', async () => {
    await setUp();
    const a = await login();
    const b = await login();
    await logout(kit.deps, kit.project, a.refreshJwt);
    expect(await codeOf(refreshSession(kit.deps, kit.project, a.refreshJwt))).toBe(errors.tokenRevoked.code);
    expect(await codeOf(authenticateRefresh(kit.deps, kit.project, b.refreshJwt))).toBe('resolved');
    await expect(logout(kit.deps, kit.project, a.refreshJwt)).resolves.toBeUndefined();
    await expect(logout(kit.deps, kit.project, undefined)).resolves.toBeUndefined();
    await expect(logout(kit.deps, kit.project, 'garbage')).resolves.toBeUndefined();
  });

  it('logout with rotation ends the current token of the login, even when given an older one', async () => {
    await setUp({ refreshRotation: true });
    const first = await login();
    const second = (await refreshSession(kit.deps, kit.project, first.refreshJwt)).response;
    await logout(kit.deps, kit.project, second.refreshJwt);
    expect(await codeOf(refreshSession(kit.deps, kit.project, second.refreshJwt))).toBe(errors.tokenRevoked.code);
  });

  it('logoutAll revokes every session of the user, needs a live token when one is given', async () => {
    await setUp();
    const a = await login();
    const b = await login();
    await logoutAll(kit.deps, kit.project, a.refreshJwt);
    for (const r of [a, b]) {
      expect(await codeOf(refreshSession(kit.deps, kit.project, r.refreshJwt))).toBe(errors.tokenRevoked.code);
    }
    expect(await codeOf(logoutAll(kit.deps, kit.project, a.refreshJwt))).toBe(errors.tokenRevoked.code);
    expect(await codeOf(logoutAll(kit.deps, kit.project, 'garbage'))).toBe(errors.invalidToken.code);
    await expect(logoutAll(kit.deps, kit.project, undefined)).resolves.toBeUndefined();
  });
});

describe('me, tenants, history, tenant select', () => {
  it('me answers the user object', async () => {
    await setUp();
    const r = await login();
    expect(await currentUser(kit.deps, kit.project, r.refreshJwt)).toMatchObject({
      userId: kit.user.userId,
      name: 'Joe Person',
    });
    expect(await codeOf(currentUser(kit.deps, kit.project, undefined))).toBe(errors.invalidToken.code);
  });

  it('lists all tenants, the named ones, or the current one', async () => {
    await setUp();
    const r = await login({ tenantId: 'T2' });
    const all = {
      tenants: [
        { id: 'T1', name: 'Acme' },
        { id: 'T2', name: 'Globex' },
      ],
    };
    expect(await listMyTenants(kit.deps, kit.project, r.refreshJwt, {})).toEqual(all);
    expect(await listMyTenants(kit.deps, kit.project, r.refreshJwt, { ids: ['T1', 'T-other'] })).toEqual({
      tenants: [{ id: 'T1', name: 'Acme' }],
    });
    expect(await listMyTenants(kit.deps, kit.project, r.refreshJwt, { dct: true })).toEqual({
      tenants: [{ id: 'T2', name: 'Globex' }],
    });
  });

  it('history lists logins newest first in epoch seconds', async () => {
    await setUp();
    await login({ ip: '198.51.100.1' });
    kit.clock.advance(60_000);
    const r = await login({ ip: '198.51.100.2' });
    const history = await listMyLoginHistory(kit.deps, kit.project, r.refreshJwt);
    expect(history.map((h) => h.ip)).toEqual(['198.51.100.2', '198.51.100.1']);
    expect(history[0]).toEqual({
      userId: kit.user.userId,
      loginTime: kit.clock.now() / 1000,
      city: '',
      country: '',
      ip: '198.51.100.2',
    });
  });

  it('select tenant: dct on the new JWTs and kept across refresh; non-member tenant refused', async () => {
    await setUp();
    const r = await login();
    const selected = (await selectTenant(kit.deps, kit.project, r.refreshJwt, 'T1')).response;
    expect(selected.claims.dct).toBe('T1');
    expect(selected.refreshJwt).toBeDefined();
    expect((await refreshSession(kit.deps, kit.project, selected.refreshJwt)).response.claims.dct).toBe('T1');
    expect(await codeOf(selectTenant(kit.deps, kit.project, r.refreshJwt, 'T-other'))).toBe(
      errors.invalidArguments.code,
    );
  });

  it('select tenant with rotation replaces the old refresh token', async () => {
    await setUp({ refreshRotation: true });
    const r = await login();
    const selected = (await selectTenant(kit.deps, kit.project, r.refreshJwt, 'T2')).response;
    expect((await refreshSession(kit.deps, kit.project, selected.refreshJwt)).response.claims.dct).toBe('T2');
    expect(await codeOf(refreshSession(kit.deps, kit.project, r.refreshJwt))).toBe(errors.tokenRevoked.code);
  });
});
