// The JWS algorithms a notp token may use, which JWKS entry verifies which, and the WebCrypto importer (Edge-safe).
import type { JWK } from '@notp/core';

/** The JWS algorithms a notp server signs with (CONTRACT.md §5); anything else is refused before any crypto. */
export const ALLOWED_ALGS: ReadonlySet<string> = new Set(['RS256', 'ES256', 'EdDSA']);

export interface VerifyKey {
  /** The only `alg` a token signed by this key may name (from the JWK's `alg`, else its key type). */
  readonly alg: string;
  /**
   * `true` when `signature` is this key's signature of `data` (the ASCII `header.payload`). Synchronous with
   * node:crypto (the node SDK: no await on the hot path), a promise with WebCrypto (the Edge runtime).
   */
  verify(data: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
}

/** Turns one JWKS entry into a VerifyKey, or throws for a key that must not verify (see `verifyAlgOf`). */
export type KeyImporter = (jwk: JWK) => VerifyKey | Promise<VerifyKey>;

/** The smallest RSA modulus accepted, bits (as jose). */
export const MIN_RSA_BITS = 2048;

/** The algorithm a JWK without `alg` implies; undefined for key types we do not verify. */
function impliedAlg(jwk: JWK): string | undefined {
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC' && jwk['crv'] === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk['crv'] === 'Ed25519') return 'EdDSA';
  return undefined;
}

/**
 * The one algorithm a JWKS entry may verify. Throws for a key that cannot verify one of the allowed algorithms and
 * for a mismatch between the JWK's `alg` and its key type (an RSA key named ES256, …). Both importers start here.
 */
export function verifyAlgOf(jwk: JWK): string {
  const alg = typeof jwk.alg === 'string' ? jwk.alg : impliedAlg(jwk);
  if (!alg || !ALLOWED_ALGS.has(alg)) throw new Error(`unsupported JWK alg ${String(jwk.alg)} (kty ${jwk.kty})`);
  if (impliedAlg(jwk) !== alg) throw new Error(`JWK kty ${jwk.kty} cannot verify ${alg}`);
  return alg;
}

/** WebCrypto's names for each algorithm: how to import the key, and how to verify with it. */
const WEB_CRYPTO: Record<
  string,
  { importAs: Algorithm | EcKeyImportParams | RsaHashedImportParams; verifyAs: Algorithm | EcdsaParams }
> = {
  RS256: {
    importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as RsaHashedImportParams,
    verifyAs: { name: 'RSASSA-PKCS1-v1_5' },
  },
  ES256: {
    importAs: { name: 'ECDSA', namedCurve: 'P-256' } as EcKeyImportParams,
    verifyAs: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
  },
  EdDSA: { importAs: { name: 'Ed25519' }, verifyAs: { name: 'Ed25519' } },
};

/**
 * The importer for runtimes with WebCrypto and no node:crypto (Next.js middleware on the Edge runtime, workers).
 * Only the public members of the JWK are imported. ES256 signatures are r‖s (IEEE P1363) in JWS and in WebCrypto.
 */
export const importWebCryptoKey: KeyImporter = async (jwk) => {
  const alg = verifyAlgOf(jwk);
  const { importAs, verifyAs } = WEB_CRYPTO[alg]!;
  const publicJwk: JsonWebKey =
    jwk.kty === 'RSA'
      ? { kty: 'RSA', n: jwk['n'] as string, e: jwk['e'] as string }
      : {
          kty: jwk.kty,
          crv: jwk['crv'] as string,
          x: jwk['x'] as string,
          ...(jwk.kty === 'EC' ? { y: jwk['y'] as string } : {}),
        };
  const key = await crypto.subtle.importKey('jwk', publicJwk, importAs, false, ['verify']);
  if (alg === 'RS256') {
    const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
    if (bits < MIN_RSA_BITS) throw new Error(`RS256 keys must be ${MIN_RSA_BITS} bits or larger`);
  }
  return {
    alg,
    verify: (data, signature) =>
      alg === 'ES256' && signature.length !== 64
        ? false
        : crypto.subtle.verify(verifyAs, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
};
