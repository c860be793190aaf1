// TokenService: signs and verifies a project's JWTs with its signing keys, and publishes its JWKS.
import type { JWKSResponse } from '@notp/core';

export interface SignedToken {
  jwt: string;
  /** Epoch seconds of `exp`. */
  exp: number;
  /** Epoch seconds of `iat`. */
  iat: number;
  claims: Record<string, unknown>;
}

export interface TokenService {
  /**
   * Signs a JWT with the project's active key (creating the first key on demand), header `{ alg, kid, typ: 'JWT' }`.
   * Adds `iss` (`<publicUrl>/<projectId>`), `iat` and `exp` (iat + ttlSec); `claims` supplies the rest (sub, drn, …).
   */
  sign(projectId: string, claims: Record<string, unknown>, ttlSec: number): Promise<SignedToken>;
  /**
   * Verifies signature (published keys only: active + verify-only), `iss`, `exp` (5 s tolerance) and `drn`.
   * Returns the claims, or null for any invalid token (malformed, alg:none, unknown kid, wrong project, expired).
   */
  verify(projectId: string, jwt: string, drn: 'DS' | 'DSR'): Promise<Record<string, unknown> | null>;
  /** The project's public keys (active and verify-only). */
  jwks(projectId: string): Promise<JWKSResponse>;
  /** Makes sure the project has an active key (first start). */
  ensureActiveKey(projectId: string): Promise<void>;
  /** New active key; the old one stays published until every token it signed has expired. Returns the new kid. */
  rotate(projectId: string): Promise<string>;
}
