// Local JWT validation against the cached JWKS: signature, exp (5 s tolerance), iss (the project), and drn.
import type { AuthenticationInfo } from '@notp/core';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { KeyCache } from './KeyCache.js';

/** Clock skew allowed on `exp`/`nbf`/`iat`, as the public SDKs do. */
export const CLOCK_TOLERANCE_SEC = 5;

export interface VerifyOptions {
  /** Check `aud` only when the caller asks. */
  audience?: string | string[];
}

const DEFAULT_VERIFY_OPTIONS = Object.freeze({ clockTolerance: CLOCK_TOLERANCE_SEC });

/** `iss` is the project id, or a URL (or path) whose last or second-to-last segment is it. */
export function issuerMatches(iss: unknown, projectId: string): boolean {
  if (iss === projectId) return true;
  if (typeof iss !== 'string' || iss === '') return false;
  // Fast path for notp's own `<publicUrl>/<projectId>` (hot: every validation); the general rule follows.
  if (iss.endsWith(projectId) && iss.charCodeAt(iss.length - projectId.length - 1) === 47 /* '/' */) return true;
  let path = iss;
  try {
    path = new URL(iss).pathname;
  } catch {
    // not a URL: compare the raw segments
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  return segments[segments.length - 1] === projectId || segments[segments.length - 2] === projectId;
}

/**
 * Verifies `jwt` and returns `{ jwt, token }`; throws jose's errors (expired, bad signature, …) or a claim error.
 * `drn` (`DS` session, `DSR` refresh) is enforced when given, so a refresh JWT never passes as a session.
 */
export async function validateJwt(
  keys: KeyCache,
  projectId: string,
  jwt: string,
  drn: 'DS' | 'DSR' | undefined,
  options?: VerifyOptions,
): Promise<AuthenticationInfo> {
  const verifyOptions = options?.audience
    ? { clockTolerance: CLOCK_TOLERANCE_SEC, audience: options.audience }
    : DEFAULT_VERIFY_OPTIONS;
  const { payload } = await jwtVerify(jwt, keys.resolver, verifyOptions);
  if (!issuerMatches(payload.iss, projectId)) {
    throw new joseErrors.JWTClaimValidationFailed('unexpected "iss" claim value', payload, 'iss', 'check_failed');
  }
  if (drn && payload['drn'] !== drn) {
    throw new joseErrors.JWTClaimValidationFailed('unexpected "drn" claim value', payload, 'drn', 'check_failed');
  }
  payload.iss = projectId;
  return { jwt, token: payload };
}
