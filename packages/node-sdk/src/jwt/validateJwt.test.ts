// The one validator's rules, run with both key importers (node:crypto for the node SDK, WebCrypto for the Next.js
// SDK and the Edge runtime), so the two cannot drift; and the shared key cache's refetch policy.
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from '@notp/core';
import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newKey, PROJECT_ID, type SigningKey, sign } from '../../test/jwksServer.js';
import { importVerifyKey } from '../session/verifyKey.js';
import { KeyCache, UNKNOWN_KID_COOLDOWN_MS } from './KeyCache.js';
import { validateJwt } from './validateJwt.js';
import { importWebCryptoKey, type KeyImporter } from './verifyKey.js';

let rsa: SigningKey;
let ec: SigningKey;
let ed: SigningKey;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  ed = { kid: 'd1', privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'd1', alg: 'EdDSA', use: 'sig' } };
  [rsa, ec] = await Promise.all([newKey('r1'), newKey('e1', 'ES256')]);
});

/** Explicit claims only (no default exp/iat), for the claim-shape rules. */
function signRaw(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.jwk['alg'] as string, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

const swapHeader = (jwt: string, header: Record<string, unknown>) => {
  const [, p, s] = jwt.split('.');
  return `${base64url.encode(JSON.stringify(header))}.${p}.${s}`;
};

const importers: [string, KeyImporter][] = [
  ['node:crypto', importVerifyKey],
  ['WebCrypto', importWebCryptoKey],
];

for (const [name, importer] of importers) {
  describe(`validateJwt with ${name} keys`, () => {
    const cache = () => new KeyCache(async () => [rsa, ec, ed].map((k) => k.jwk as JWK), importer);

    it('accepts RS256, ES256 and EdDSA session tokens, with iss normalised to the project id', async () => {
      const keys = cache();
      for (const key of [rsa, ec, ed]) {
        const info = await validateJwt(keys, PROJECT_ID, await sign(key, { sub: `U-${key.kid}`, drn: 'DS' }), 'DS');
        expect(info.token).toMatchObject({ sub: `U-${key.kid}`, iss: PROJECT_ID, drn: 'DS' });
      }
      expect(keys.fetches).toBe(1);
    });

    it.each<{ rule: string; make: () => Promise<string> | string; error: RegExp; drn?: 'DS' | 'DSR' }>([
      {
        rule: 'a header naming another alg than its key (ES256 key, header RS256)',
        make: async () => swapHeader(await sign(ec, { sub: 'U1', drn: 'DS' }), { alg: 'RS256', kid: 'e1' }),
        error: /alg/,
      },
      {
        rule: 'HS256 under the RSA key’s kid (key confusion)',
        make: async () => swapHeader(await sign(rsa, { sub: 'U1', drn: 'DS' }), { alg: 'HS256', kid: 'r1' }),
        error: /alg/,
      },
      {
        rule: 'alg none',
        make: async () => `${base64url.encode('{"alg":"none","kid":"r1"}')}.${base64url.encode('{"sub":"x"}')}.`,
        error: /alg/,
      },
      { rule: 'no kid', make: () => signRaw(rsa, { sub: 'U1', exp: now() + 60 }, { kid: undefined }), error: /kid/ },
      {
        rule: 'a critical header',
        make: () => signRaw(rsa, { exp: now() + 60 }, { crit: ['b64'], b64: true }),
        error: /crit/,
      },
      { rule: 'no exp', make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID }), error: /exp/ },
      {
        rule: 'expired beyond the 5 s tolerance',
        make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() - 6 }),
        error: /exp/,
      },
      {
        rule: 'nbf beyond the 5 s tolerance',
        make: () => signRaw(ed, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600, nbf: now() + 60 }),
        error: /nbf/,
      },
      {
        rule: 'iat that is not a number',
        make: () => signRaw(ec, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600, iat: 'now' }),
        error: /iat/,
      },
      {
        rule: 'another project’s issuer',
        make: () => signRaw(rsa, { sub: 'U1', drn: 'DS', iss: 'https://x.example/P2other', exp: now() + 600 }),
        error: /iss/,
      },
      {
        rule: 'a refresh token where a session is asked',
        make: () => sign(rsa, { sub: 'U1', drn: 'DSR' }),
        error: /drn/,
      },
      {
        rule: 'a signature by another key under a known kid',
        make: async () => {
          const forger = await newKey('r1');
          return sign(forger, { sub: 'U1', drn: 'DS' });
        },
        error: /signature/,
      },
      {
        rule: 'an ES256 signature of the wrong length',
        make: async () => `${(await sign(ec, { sub: 'U1', drn: 'DS' })).slice(0, -4)}`,
        error: /signature|Compact/,
      },
      {
        rule: 'a character outside base64url',
        make: async () => `${await sign(rsa, { drn: 'DS' })}=`,
        error: /Compact/,
      },
      { rule: 'an unknown kid', make: () => signRaw(rsa, { exp: now() + 60 }, { kid: 'nope' }), error: /matching key/ },
    ])('rejects $rule', async ({ make, error }) => {
      await expect(validateJwt(cache(), PROJECT_ID, await make(), 'DS')).rejects.toThrow(error);
    });

    it('checks aud only when asked', async () => {
      const keys = cache();
      const jwt = await signRaw(rsa, { sub: 'U1', drn: 'DS', iss: PROJECT_ID, exp: now() + 600, aud: ['app-a'] });
      await expect(validateJwt(keys, PROJECT_ID, jwt, 'DS')).resolves.toBeTruthy();
      await expect(validateJwt(keys, PROJECT_ID, jwt, 'DS', { audience: 'app-a' })).resolves.toBeTruthy();
      await expect(validateJwt(keys, PROJECT_ID, jwt, 'DS', { audience: ['app-b'] })).rejects.toThrow(/aud/);
    });

    it('leaves out keys it must not verify with: weak RSA, alg/kty mismatch, encryption keys', async () => {
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
      await expect(async () => importer({ ...weak, kid: 'w', alg: 'RS256' } as JWK)).rejects.toThrow(/2048/);
      await expect(async () => importer({ ...ec.jwk, alg: 'RS256' } as JWK)).rejects.toThrow(/cannot verify/);
      await expect(async () => importer({ ...rsa.jwk, alg: 'PS256' } as JWK)).rejects.toThrow(/unsupported/);
      const enc = new KeyCache(async () => [{ ...rsa.jwk, use: 'enc' } as unknown as JWK], importer);
      await expect(validateJwt(enc, PROJECT_ID, await sign(rsa, { sub: 'U1', drn: 'DS' }), 'DS')).rejects.toThrow(
        /matching key/,
      );
    });
  });
}

describe('KeyCache: one refetch policy for both SDKs', () => {
  it('an unknown kid refetches once, shared by concurrent callers; then unknown kids fail without a fetch for 5 s', async () => {
    let clock = 1_000_000;
    const published: JWK[] = [rsa.jwk as JWK];
    const keys = new KeyCache(
      async () => published,
      importWebCryptoKey,
      () => clock,
    );
    await keys.resolve('r1');
    expect(keys.fetches).toBe(1);
    const misses = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => keys.resolve(`made-up-${i}`)));
    expect(misses.every((m) => m.status === 'rejected')).toBe(true);
    expect(keys.fetches).toBe(2);
    // A key published during the cooldown is found only once it has passed.
    published.push(ec.jwk as JWK);
    await expect(Promise.resolve().then(() => keys.resolve('e1'))).rejects.toThrow(/matching key/);
    expect(keys.fetches).toBe(2);
    clock += UNKNOWN_KID_COOLDOWN_MS;
    await expect(keys.resolve('e1')).resolves.toMatchObject({ alg: 'ES256' });
    expect(keys.fetches).toBe(3);
  });
});

describe('without Buffer (the Edge runtime)', () => {
  it('decodes with atob/TextDecoder: a valid token passes, a forged one fails', async () => {
    const buffer = globalThis.Buffer;
    vi.resetModules();
    let edge: typeof import('./validateJwt.js');
    try {
      // The module reads Buffer once, when it loads: load it while there is none.
      Reflect.deleteProperty(globalThis, 'Buffer');
      edge = await import('./validateJwt.js');
    } finally {
      globalThis.Buffer = buffer;
    }
    const keys = new KeyCache(async () => [rsa.jwk as JWK, ed.jwk as JWK], importWebCryptoKey);
    const claims = { sub: 'U1', drn: 'DS', name: 'Zoë 👋' };
    const info = await edge.validateJwt(keys, PROJECT_ID, await sign(ed, claims), 'DS');
    expect(info.token).toMatchObject(claims);
    const forged = swapHeader(await sign(rsa, { sub: 'U1', drn: 'DS' }), { alg: 'RS256', kid: 'r1', typ: 'JWT' });
    await expect(edge.validateJwt(keys, PROJECT_ID, `${forged.slice(0, -2)}AA`, 'DS')).rejects.toThrow(/signature/);
  });
});
