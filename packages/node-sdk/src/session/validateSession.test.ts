// validateSession / refreshSession against a local JWKS server with keys we generate: the real jose path, no mocks.
import { base64url, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeNotp,
  jwtResponseFor,
  newKey,
  PROJECT_ID,
  type SigningKey,
  sign,
  startFakeNotp,
} from '../../test/jwksServer.js';
import { NotpClient } from '../NotpClient.js';

let k1: SigningKey;
let fake: FakeNotp;
const client = () => NotpClient({ projectId: PROJECT_ID, baseUrl: fake.url });

beforeEach(async () => {
  k1 = await newKey('k1');
  fake = await startFakeNotp([k1]);
});
afterEach(() => fake.close());

describe('validateSession', () => {
  it('accepts a valid session JWT, with one JWKS fetch for many validations', async () => {
    const c = client();
    const jwt = await sign(k1, { sub: 'U1', drn: 'DS', roles: ['admin'] });
    for (let i = 0; i < 20; i++) {
      const info = await c.validateSession(jwt);
      expect(info.jwt).toBe(jwt);
      expect(info.token).toMatchObject({ sub: 'U1', iss: PROJECT_ID });
    }
    expect(fake.jwksRequests).toBe(1);
    expect(c.validateRoles(await c.validateSession(jwt), ['admin'])).toBe(true);
  });

  it.each<{ name: string; make: () => Promise<string>; error: RegExp }>([
    { name: 'expired', make: () => sign(k1, { sub: 'U1', drn: 'DS' }, { ttlSec: -10 }), error: /exp/ },
    {
      name: 'wrong key (same kid)',
      make: async () => sign({ ...(await newKey('k1')) }, { sub: 'U1', drn: 'DS' }),
      error: /signature/,
    },
    {
      name: 'wrong project',
      make: () => sign(k1, { sub: 'U1', drn: 'DS' }, { iss: 'http://localhost:4000/P2zzzzzzzzzzzzzzzzzzzzzzzzzz' }),
      error: /iss/,
    },
    { name: 'a refresh JWT as session', make: () => sign(k1, { sub: 'U1', drn: 'DSR' }), error: /drn/ },
    {
      name: 'unknown kid',
      make: async () => sign(await newKey('nope'), { sub: 'U1', drn: 'DS' }),
      error: /matching key/,
    },
    {
      name: 'alg none',
      make: async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', kid: 'k1', typ: 'JWT' }));
        const body = base64url.encode(JSON.stringify({ sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: 9999999999 }));
        return `${header}.${body}.`;
      },
      error: /alg|Unsupported|algorithm/i,
    },
    {
      name: 'tampered payload',
      make: async () => {
        const [h, , s] = (await sign(k1, { sub: 'U1', drn: 'DS' })).split('.');
        const forged = base64url.encode(JSON.stringify({ sub: 'ADMIN', drn: 'DS', iss: PROJECT_ID, exp: 9999999999 }));
        return `${h}.${forged}.${s}`;
      },
      error: /signature/,
    },
    {
      name: 'no kid',
      make: async () =>
        new SignJWT({ sub: 'U1', drn: 'DS' })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer(PROJECT_ID)
          .setExpirationTime('10m')
          .sign(k1.privateKey),
      error: /kid/,
    },
  ])('rejects $name with a clear error', async ({ make, error }) => {
    const jwt = await make();
    const err = await client()
      .validateSession(jwt)
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect(err?.message).toMatch(/^session validation failed\. Error: /);
    expect(err?.message).toMatch(error);
  });

  it('accepts iss equal to the project id, and 5 s of clock skew', async () => {
    const c = client();
    await expect(
      c.validateSession(await sign(k1, { sub: 'U1', drn: 'DS' }, { iss: PROJECT_ID })),
    ).resolves.toBeTruthy();
    await expect(c.validateSession(await sign(k1, { sub: 'U1', drn: 'DS' }, { ttlSec: -2 }))).resolves.toBeTruthy();
  });

  it('picks up a rotated-in key without a restart', async () => {
    const c = client();
    await c.validateSession(await sign(k1, { sub: 'U1', drn: 'DS' }));
    const k2 = await newKey('k2');
    fake.published = [k2, k1];
    const info = await c.validateSession(await sign(k2, { sub: 'U2', drn: 'DS' }));
    expect(info.token['sub']).toBe('U2');
    expect(fake.jwksRequests).toBe(2);
    // the old key stays trusted
    await expect(c.validateSession(await sign(k1, { sub: 'U1', drn: 'DS' }))).resolves.toBeTruthy();
    expect(fake.jwksRequests).toBe(2);
  });

  it('coalesces concurrent first validations into one JWKS fetch', async () => {
    const c = client();
    const jwt = await sign(k1, { sub: 'U1', drn: 'DS' });
    const all = await Promise.all(Array.from({ length: 25 }, () => c.validateSession(jwt)));
    expect(all).toHaveLength(25);
    expect(fake.jwksRequests).toBe(1);
  });

  it('does not refetch the JWKS for every unknown kid (cool-down)', async () => {
    const c = client();
    const stranger = await newKey('stranger');
    for (let i = 0; i < 5; i++) {
      await expect(c.validateSession(await sign(stranger, { sub: 'U1', drn: 'DS' }))).rejects.toThrow(/matching key/);
    }
    expect(fake.jwksRequests).toBe(1);
  });

  it('throws for an empty token', async () => {
    await expect(client().validateSession('')).rejects.toThrow('session token is required for validation');
  });
});

describe('refreshSession / validateAndRefreshSession', () => {
  it('validates the refresh JWT locally, refreshes, and returns the new session with cookies', async () => {
    const refreshJwt = await sign(k1, { sub: 'U1', drn: 'DSR', jti: 'j1' }, { ttlSec: 3600 });
    fake.onRefresh = async (token) => ({
      status: token === refreshJwt ? 200 : 401,
      body: await jwtResponseFor(k1, 'U1'),
    });
    const c = client();
    const info = await c.refreshSession(refreshJwt);
    expect(info.token['sub']).toBe('U1');
    expect(info.cookies?.[0]).toMatch(/^DS=ey/);
    const again = await c.validateAndRefreshSession('not-a-jwt', refreshJwt);
    expect(again.token['drn']).toBe('DS');
    expect(fake.refreshRequests).toBe(2);
  });

  it('never calls the server with a refresh JWT that fails locally', async () => {
    const c = client();
    const sessionAsRefresh = await sign(k1, { sub: 'U1', drn: 'DS' });
    await expect(c.refreshSession(sessionAsRefresh)).rejects.toThrow(/^refresh token validation failed, Error: .*drn/);
    expect(fake.refreshRequests).toBe(0);
  });

  it("throws with the server's errorMessage when refresh is refused", async () => {
    const refreshJwt = await sign(k1, { sub: 'U1', drn: 'DSR' }, { ttlSec: 3600 });
    fake.onRefresh = async () => ({
      status: 401,
      body: { errorCode: 'E064001', errorDescription: 'Token was revoked', errorMessage: 'revoked by logout' },
    });
    await expect(client().refreshSession(refreshJwt)).rejects.toThrow(/revoked by logout/);
    await expect(client().validateAndRefreshSession(undefined, undefined)).rejects.toThrow(/both session and refresh/);
  });
});
