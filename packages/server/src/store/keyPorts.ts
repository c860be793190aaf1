// Store port for signing keys: one active key per project, verify-only keys until they retire.
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.

export interface SigningKeyRecord {
  kid: string;
  projectId: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  /** Public JWK (with kid, alg, use: 'sig'). */
  publicJwk: Record<string, unknown>;
  /** Private key (PKCS#8 PEM), encrypted with the master key: base64 of iv|tag|ciphertext. */
  privateKeyEnc: string;
  /** 'active' signs; 'verify-only' stays in the JWKS until retireAfter; 'retired' is gone from the JWKS. */
  status: 'active' | 'verify-only' | 'retired';
  createdAt: number;
  /** For 'verify-only': when the last token it signed expires. */
  retireAfter: number | null;
}

export interface KeyStore {
  create(key: SigningKeyRecord): Promise<void>;
  /** Keys of the project that belong in the JWKS ('active' and 'verify-only'), newest first. */
  listPublished(projectId: string): Promise<SigningKeyRecord[]>;
  getActive(projectId: string): Promise<SigningKeyRecord | null>;
  /** Atomically: the current active key → 'verify-only' with `retireAfter`, `next` inserted as 'active'. */
  rotate(projectId: string, next: SigningKeyRecord, retireAfter: number): Promise<void>;
  /** 'verify-only' keys whose retireAfter passed → 'retired'; returns how many. */
  retireDue(now: number): Promise<number>;
}
