// The rules of the node:crypto validator beyond validateSession.test.ts: algorithms, key/alg binding, nbf, exp, aud.
import { generateKeyPairSync } from 'node:crypto';
import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeNotp, newKey, PROJECT_ID, type SigningKey, sign, startFakeNotp } from '../../test/jwksServer.js';
import { NotpClient } from '../NotpClient.js';
import { importVerifyKey } from './verifyKey.js';

let rsa: SigningKey;
let ec: SigningKey;
let ed: SigningKey;
let fake: FakeNotp;
const client = () => NotpClient({ projectId: PROJECT_ID, baseUrl: fake.url });
const now = () => Math.floor(Date.now() / 1000);

async function edKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

/** Signs with explicit claims only (no default exp/iat), for the claim-shape rules. */
function signRaw(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.jwk['alg'] as string, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

beforeEach(async () => {
  [rsa, ec, ed] = await Promise.all([newKey('r1'), newKey('e1', 'ES256'), edKey('d1')]);
  fake = await startFakeNotp([rsa, ec, ed]);
});
afterEach(() => fake.close());

describe('validateJwt (node:crypto)', () => {
  it('accepts RS256, ES256 and EdDSA session tokens from one JWKS fetch', async () => {
    const c = client();
    for (const key of [rsa, ec, ed]) {
      const info = await c.validateSession(await sign(key, { sub: `U-${key.kid}`, drn: 'DS' }));
      expect(info.token).toMatchObject({ sub: `U-${key.kid}`, iss: PROJECT_ID, drn: 'DS' });
    }
    expect(fake.jwksRequests).toBe(1);
  });

  it.each<{ name: string; make: () => Promise<string>; error: RegExp }>([
    {
      name: 'a token naming another alg than its key (ES256 key, header RS256)',
      make: async () => {
        const [, p, s] = (await sign(ec, { sub: 'U1', drn: 'DS' })).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'RS256', kid: 'e1', typ: 'JWT' }))}.${p}.${s}`;
      },
      error: /alg/,
    },
    { name: 'HS256', make: () => signRaw(rsa, { drn: 'DS' }, { alg: 'HS256' }).catch(() => hs256()), error: /alg/ },
    { name: 'no exp', make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID }), error: /exp/ },
    {
      name: 'exp that is not a number',
      make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: String(now() + 600) }),
      error: /exp/,
    },
    {
      name: 'expired beyond the 5 s tolerance',
      make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() - 6 }),
      error: /exp/,
    },
    {
      name: 'nbf beyond the 5 s tolerance',
      make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600, nbf: now() + 60 }),
      error: /nbf/,
    },
    {
      name: 'a payload that is not an object',
      make: async () => {
        const [h] = (await sign(rsa, { sub: 'U1', drn: 'DS' })).split('.');
        return `${h}.${base64url.encode('[1]')}.AAAA`;
      },
      error: /signature/,
    },
    {
      name: 'a character outside base64url',
      make: async () => `${await sign(rsa, { sub: 'U1', drn: 'DS' })}=`,
      error: /Compact JWS/,
    },
    { name: 'a critical header', make: () => sign(rsa, { sub: 'U1', drn: 'DS' }).then(withCrit), error: /crit/ },
  ])('rejects $name', async ({ make, error }) => {
    await expect(client().validateSession(await make())).rejects.toThrow(error);
  });

  it('accepts nbf and exp within the 5 s tolerance, and drops nothing of the claims', async () => {
    const jwt = await signRaw(rsa, {
      sub: 'U1',
      drn: 'DS',
      iss: `https://auth.example.com/${PROJECT_ID}`,
      exp: now() - 2,
      nbf: now() + 3,
      roles: ['admin'],
      nsec: { plan: 'pro' },
    });
    const info = await client().validateSession(jwt);
    expect(info.token).toMatchObject({ sub: 'U1', iss: PROJECT_ID, roles: ['admin'], nsec: { plan: 'pro' } });
  });

  it('checks aud only when asked', async () => {
    const c = client();
    const jwt = await signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600, aud: ['app-a'] });
    await expect(c.validateSession(jwt)).resolves.toBeTruthy();
    await expect(c.validateSession(jwt, { audience: 'app-a' })).resolves.toBeTruthy();
    await expect(c.validateSession(jwt, { audience: ['app-b'] })).rejects.toThrow(/aud/);
  });

  it('refuses to import keys it must not verify with', async () => {
    expect(() => importVerifyKey({ ...ec.jwk, alg: 'RS256' } as never)).toThrow(/cannot verify/);
    expect(() => importVerifyKey({ ...rsa.jwk, alg: 'PS256' } as never)).toThrow(/unsupported/);
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const weakJwk = { ...weak, kid: 'w', alg: 'RS256', use: 'sig' };
    expect(() => importVerifyKey(weakJwk as never)).toThrow(/2048/);
  });
});

/** An HS256 token with kid r1 (the RSA key's kid): the key-confusion attack. */
function hs256(): string {
  const h = base64url.encode(JSON.stringify({ alg: 'HS256', kid: 'r1', typ: 'JWT' }));
  const p = base64url.encode(JSON.stringify({ sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600 }));
  return `${h}.${p}.c2lnbmF0dXJl`;
}

function withCrit(jwt: string): string {
  const [, p, s] = jwt.split('.');
  return `${base64url.encode(JSON.stringify({ alg: 'RS256', kid: 'r1', crit: ['exp'], exp: 1 }))}.${p}.${s}`;
}
