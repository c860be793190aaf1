// Makes a new signing key for a project: key pair, random kid, public JWK, private key sealed with the master key.
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { sealSecret } from '../crypto/sealSecret.js';
import type { Random } from '../ports.js';
import type { SigningKeyRecord } from '../store/ports.js';

export type SigningAlg = SigningKeyRecord['alg'];

/** Associated data binding a sealed private key to its record, so it cannot be moved onto another kid or project. */
export function sealContext(projectId: string, kid: string): string {
  return `notp-signing-key:${projectId}:${kid}`;
}

/**
 * RS256 uses 2048-bit RSA (what the public SDKs meet in practice); ES256 uses P-256; EdDSA uses Ed25519.
 * The record is 'active'; the caller decides whether to insert it or rotate it in.
 */
export async function generateSigningKey(p: {
  projectId: string;
  alg: SigningAlg;
  masterKey: Buffer;
  random: Random;
  now: number;
}): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateKeyPair(
    p.alg,
    p.alg === 'RS256'
      ? { modulusLength: 2048, extractable: true }
      : p.alg === 'EdDSA'
        ? { crv: 'Ed25519', extractable: true }
        : { extractable: true },
  );
  const kid = p.random.bytes(16).toString('base64url');
  const jwk = await exportJWK(publicKey);
  const pem = await exportPKCS8(privateKey);
  return {
    kid,
    projectId: p.projectId,
    alg: p.alg,
    publicJwk: { ...jwk, kid, alg: p.alg, use: 'sig' },
    privateKeyEnc: sealSecret(p.masterKey, pem, sealContext(p.projectId, kid)),
    status: 'active',
    createdAt: p.now,
    retireAfter: null,
  };
}
