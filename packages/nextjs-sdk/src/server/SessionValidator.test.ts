// SessionValidator against a local JWKS server: valid, expired, forged, wrong project, refresh token, key rotation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionValidator } from './SessionValidator.js';
import { type JwksServer, newKey, signSession, startJwksServer, TEST_PROJECT_ID } from './testing/startJwksServer.js';

let jwks: JwksServer;
beforeAll(async () => {
  jwks = await startJwksServer();
});
afterAll(() => jwks.close());

const validator = () => createSessionValidator({ projectId: TEST_PROJECT_ID, baseUrl: jwks.url });

describe('SessionValidator', () => {
  it('accepts a valid session token and returns its claims', async () => {
    const token = await signSession({ key: jwks.keys[0]!, claims: { roles: ['admin'] } });
    const info = await validator().validate(token);
    expect(info?.jwt).toBe(token);
    expect(info?.token).toMatchObject({ sub: 'U2nextjsuser', drn: 'DS', roles: ['admin'] });
  });

  it('rejects what is not a valid session of this project', async () => {
    const key = jwks.keys[0]!;
    const stranger = await newKey('K1'); // same kid, different key: a forgery
    const v = validator();
    const cases: [string, Promise<string> | string][] = [
      ['expired beyond the 5 s tolerance', signSession({ key, expiresInSec: -30 })],
      ['forged (signed by another key under a known kid)', signSession({ key: stranger })],
      ['a refresh token (drn DSR)', signSession({ key, claims: { drn: 'DSR' } })],
      ['another project', signSession({ key, issuer: 'https://auth.example.com/P2otherproject000000000000000' })],
      ['a bare other project id as issuer', signSession({ key, issuer: 'P2otherproject000000000000000' })],
      ['not a JWT', 'garbage'],
      ['empty', ''],
      ['alg none', `${btoa('{"alg":"none","kid":"K1"}')}.${btoa('{"sub":"x","drn":"DS"}')}.`],
    ];
    for (const [name, token] of cases) {
      expect(await v.validate(await token), name).toBeUndefined();
    }
  });

  it('accepts a token within the 5 s clock tolerance, and the bare project id as issuer', async () => {
    const key = jwks.keys[0]!;
    const v = validator();
    expect(await v.validate(await signSession({ key, expiresInSec: -2 }))).toBeDefined();
    expect(await v.validate(await signSession({ key, issuer: TEST_PROJECT_ID }))).toBeDefined();
  });

  it('fetches the JWKS once (sending Bearer <projectId>), then validates with no network', async () => {
    const v = validator();
    const before = jwks.fetches.length;
    const token = await signSession({ key: jwks.keys[0]! });
    for (let i = 0; i < 20; i++) expect(await v.validate(token)).toBeDefined();
    expect(jwks.fetches.length - before).toBe(1);
    expect(jwks.fetches.at(-1)).toBe(`Bearer ${TEST_PROJECT_ID}`);
  });

  it('refetches on an unknown kid, so a rotated key works at once', async () => {
    const v = validator();
    expect(await v.validate(await signSession({ key: jwks.keys[0]! }))).toBeDefined();
    const before = jwks.fetches.length;
    const rotated = await jwks.addKey(`K-rotated-${Date.now()}`);
    expect(await v.validate(await signSession({ key: rotated }))).toBeDefined();
    expect(jwks.fetches.length - before).toBe(1);
  });

  it('tokens with made-up kids share one refetch (no flood of JWKS requests)', async () => {
    const v = validator();
    expect(await v.validate(await signSession({ key: jwks.keys[0]! }))).toBeDefined();
    const before = jwks.fetches.length;
    const forged = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signSession({ key: jwks.keys[0]!, kid: `made-up-${i}` })),
    );
    const results = await Promise.all(forged.map((token) => v.validate(token)));
    expect(results.every((r) => r === undefined)).toBe(true);
    expect(jwks.fetches.length - before).toBe(1);
  });
});
