// A JWKS public key imported once into a node:crypto KeyObject, with the one JWS algorithm it may verify.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { JWK } from '@notp/core';

/** The JWS algorithms a notp server signs with (CONTRACT.md §5); anything else is refused before any crypto. */
export const ALLOWED_ALGS: ReadonlySet<string> = new Set(['RS256', 'ES256', 'EdDSA']);

export interface VerifyKey {
  /** The only `alg` a token signed by this key may name (from the JWK's `alg`, else its key type). */
  readonly alg: string;
  /** `true` when `signature` is this key's signature of `data` (the ASCII `header.payload`). */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** The algorithm a JWK without `alg` implies; undefined for key types we do not verify. */
function impliedAlg(jwk: JWK): string | undefined {
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC' && jwk['crv'] === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk['crv'] === 'Ed25519') return 'EdDSA';
  return undefined;
}

/**
 * Imports a JWKS entry. Throws for a key that cannot verify one of the allowed algorithms, for a mismatch between
 * the JWK's `alg` and its key type (an RSA key named ES256, …), and for RSA keys under 2048 bits (as jose does).
 */
export function importVerifyKey(jwk: JWK): VerifyKey {
  const alg = typeof jwk.alg === 'string' ? jwk.alg : impliedAlg(jwk);
  if (!alg || !ALLOWED_ALGS.has(alg)) throw new Error(`unsupported JWK alg ${String(jwk.alg)} (kty ${jwk.kty})`);
  if (impliedAlg(jwk) !== alg) throw new Error(`JWK kty ${jwk.kty} cannot verify ${alg}`);
  const key: KeyObject = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  if (alg === 'RS256') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error('RS256 keys must be 2048 bits or larger');
    return { alg, verify: (data, signature) => verify('sha256', data, key, signature) };
  }
  if (alg === 'ES256') {
    // JWS carries ECDSA signatures as r‖s (IEEE P1363), 64 bytes for P-256; node:crypto defaults to DER.
    const p1363 = { key, dsaEncoding: 'ieee-p1363' as const };
    return { alg, verify: (data, signature) => signature.length === 64 && verify('sha256', data, p1363, signature) };
  }
  return { alg, verify: (data, signature) => verify(null, data, key, signature) };
}
