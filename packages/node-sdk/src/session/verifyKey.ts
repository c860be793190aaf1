// A JWKS public key imported once into a node:crypto KeyObject, with the one JWS algorithm it may verify.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { JWK } from '@notp/core';
import { MIN_RSA_BITS, type VerifyKey, verifyAlgOf } from '../jwt/verifyKey.js';

/**
 * Imports a JWKS entry for the node SDK: synchronous verification with a cached KeyObject (docs/performance.md,
 * "validate"). Throws as `verifyAlgOf` does, and for RSA keys under 2048 bits (as jose does).
 */
export function importVerifyKey(jwk: JWK): VerifyKey {
  const alg = verifyAlgOf(jwk);
  const key: KeyObject = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  if (alg === 'RS256') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw new Error(`RS256 keys must be ${MIN_RSA_BITS} bits or larger`);
    return { alg, verify: (data, signature) => verify('sha256', data, key, signature) };
  }
  if (alg === 'ES256') {
    // JWS carries ECDSA signatures as r‖s (IEEE P1363), 64 bytes for P-256; node:crypto defaults to DER.
    const p1363 = { key, dsaEncoding: 'ieee-p1363' as const };
    return { alg, verify: (data, signature) => signature.length === 64 && verify('sha256', data, p1363, signature) };
  }
  return { alg, verify: (data, signature) => verify(null, data, key, signature) };
}
