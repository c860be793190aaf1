import { describe, expect, it } from 'vitest';
import type { ProjectSettings } from '../../store/ports.js';
import { issueSession } from './issueSession.js';
import { closeKitAfterEach, loginAs, makeSessionKit, payloadOf, type SessionKit } from './testing/makeSessionKit.js';

let kit: SessionKit;
closeKitAfterEach(() => kit);

async function setUp(settings: Partial<ProjectSettings> = {}, env: Record<string, string> = {}) {
  kit = await makeSessionKit(settings, env);
  return kit;
}

const login = (extra: Parameters<typeof loginAs>[1] = {}) => loginAs(kit, extra);

describe('issueSession', () => {
  it('answers the contract JWTResponse and records the session and the login', async () => {
    await setUp();
    const nowSec = kit.clock.now() / 1000;
    const res = await login({ firstSeen: true, ip: '203.0.113.9', userAgent: 'test' });
    expect(res).toMatchObject({
      cookieDomain: '',
      cookiePath: '/',
      cookieMaxAge: 3600,
      cookieExpiration: nowSec + 3600,
      sessionExpiration: nowSec + 600,
      firstSeen: true,
      user: { userId: kit.user.userId, loginIds: ['+16505551234'], verifiedPhone: true, createdTime: nowSec },
    });
    expect(res.claims).toEqual({
      sub: kit.user.userId,
      drn: 'DS',
      amr: ['whatsapp'],
      roles: ['editor'],
      permissions: [],
      tenants: { T1: { roles: ['admin'], permissions: [] }, T2: { roles: [], permissions: [] } },
      iss: `http://127.0.0.1:4000/${kit.project.projectId}`,
      iat: nowSec,
      exp: nowSec + 600,
    });
    expect(payloadOf(res.sessionJwt)).toEqual(res.claims);
    const refresh = payloadOf(res.refreshJwt ?? '');
    expect(refresh).toMatchObject({ sub: kit.user.userId, drn: 'DSR', exp: nowSec + 3600, iss: res.claims.iss });
    const stored = await kit.deps.store.sessions.get(String(refresh.jti));
    expect(stored).toMatchObject({ userId: kit.user.userId, amr: ['whatsapp'], revokedAt: null, ip: '203.0.113.9' });
    expect(stored?.familyId).toBe(stored?.id);
    expect(await kit.deps.store.loginHistory.list(kit.project.projectId, kit.user.userId)).toEqual([
      {
        projectId: kit.project.projectId,
        userId: kit.user.userId,
        loginTime: kit.clock.now(),
        ip: '203.0.113.9',
        city: '',
        country: '',
      },
    ]);
  });

  it('puts trusted custom claims at top level but never over reserved or authorisation claims', async () => {
    await setUp();
    const res = await login({
      customClaimsTrusted: true,
      customClaims: {
        plan: 'pro',
        sub: 'U-evil',
        iss: 'x',
        exp: 9e9,
        drn: 'DSR',
        amr: ['pwd'],
        roles: ['root'],
        tenants: {},
        dct: 'T9',
      },
    });
    expect(res.claims).toMatchObject({
      plan: 'pro',
      sub: kit.user.userId,
      drn: 'DS',
      amr: ['whatsapp'],
      roles: ['editor'],
    });
    expect(res.claims.dct).toBeUndefined();
    expect(res.claims.exp).toBe(kit.clock.now() / 1000 + 600);
    expect(res.claims).not.toHaveProperty('nsec');
  });

  it('nests untrusted custom claims under nsec: nothing a browser sends reaches the top level', async () => {
    await setUp();
    const res = await login({ customClaims: { isAdmin: true, roles: ['root'], plan: 'pro' } });
    expect(res.claims['nsec']).toEqual({ isAdmin: true, plan: 'pro' });
    expect(res.claims).not.toHaveProperty('isAdmin');
    expect(res.claims.roles).toEqual(['editor']);
    expect(payloadOf(res.sessionJwt)['nsec']).toEqual({ isAdmin: true, plan: 'pro' });
    // No custom claims: no nsec at all.
    expect(await login()).not.toHaveProperty('claims.nsec');
  });

  it('sets dct for a tenant the user belongs to, and drops one they do not', async () => {
    await setUp();
    expect((await login({ tenantId: 'T1' })).claims.dct).toBe('T1');
    expect((await login({ tenantId: 'T-other' })).claims.dct).toBeUndefined();
  });

  it('caps the session JWT at the refresh session lifetime', async () => {
    await setUp({ sessionTtlSec: 7200, refreshTtlSec: 3600 });
    const res = await login();
    expect(res.sessionExpiration).toBe(kit.clock.now() / 1000 + 3600);
  });

  it.each([
    ['http://127.0.0.1:4000', false],
    ['https://auth.example.com', true],
  ])(
    'cookie delivery (%s): DS and HttpOnly DSR cookies instead of body tokens, Secure=%s',
    async (publicUrl, secure) => {
      await setUp(
        { tokenDelivery: 'cookies', cookieDomain: 'example.com' },
        { NOTP_PUBLIC_URL: publicUrl, NOTP_SIMULATOR_PUBLIC: 'on' },
      );
      const issued = await issueSession(kit.deps, { project: kit.project, user: kit.user, amr: ['whatsapp'] });
      expect(issued.response.sessionJwt).toBe('');
      expect(issued.response).not.toHaveProperty('refreshJwt');
      expect(issued.response).toMatchObject({ cookieDomain: 'example.com', cookieMaxAge: 3600 });
      const [ds, dsr] = issued.cookies;
      expect(ds).toMatchObject({
        name: 'DS',
        options: { secure, sameSite: 'strict', path: '/', domain: 'example.com', maxAge: 600 },
      });
      expect(ds?.options.httpOnly).toBeUndefined();
      expect(dsr).toMatchObject({
        name: 'DSR',
        options: { httpOnly: true, secure, sameSite: 'strict', path: '/', maxAge: 3600 },
      });
      expect(payloadOf(ds?.value ?? '').drn).toBe('DS');
      expect(payloadOf(dsr?.value ?? '').drn).toBe('DSR');
    },
  );
});
