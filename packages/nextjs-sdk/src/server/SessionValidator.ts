// SessionValidator: verifies a notp session JWT locally against the project's JWKS (keys cached, refetched on unknown kid).
import { type AuthenticationInfo, DEFAULT_BASE_URL, routePath, routes } from '@notp/core';
import { type JWTPayload, jwtVerify } from 'jose';
import { JwksCache } from './JwksCache.js';

export interface SessionValidatorOptions {
  /** The project id. Default: env `NOTP_PROJECT_ID`, then `NEXT_PUBLIC_NOTP_PROJECT_ID`. */
  projectId?: string;
  /** The notp server. Default: env `NOTP_BASE_URL`, then `NEXT_PUBLIC_NOTP_BASE_URL`, then `http://localhost:4000`. */
  baseUrl?: string;
}

export interface SessionValidator {
  /** The session's claims when `sessionJwt` is a valid, unexpired notp session token of this project; else undefined. */
  validate(sessionJwt: string): Promise<AuthenticationInfo | undefined>;
}

/** The SDKs' clock tolerance (CONTRACT.md §6). */
const CLOCK_TOLERANCE_SEC = 5;
const ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

const env = (name: string): string | undefined =>
  (typeof process !== 'undefined' ? process.env[name] : undefined) || undefined;

/** Fills the defaults from the environment; a missing project id is a developer's mistake and throws. */
export function resolveValidatorOptions(options: SessionValidatorOptions = {}): Required<SessionValidatorOptions> {
  const projectId = options.projectId || env('NOTP_PROJECT_ID') || env('NEXT_PUBLIC_NOTP_PROJECT_ID');
  if (!projectId) {
    throw new Error('notp: no project id: pass { projectId } or set NOTP_PROJECT_ID (or NEXT_PUBLIC_NOTP_PROJECT_ID)');
  }
  const baseUrl = (
    options.baseUrl ||
    env('NOTP_BASE_URL') ||
    env('NEXT_PUBLIC_NOTP_BASE_URL') ||
    DEFAULT_BASE_URL
  ).replace(/\/+$/, '');
  return { projectId, baseUrl };
}

/** `iss` is the project id, or a URL whose last or second-to-last path segment is (CONTRACT.md §6). */
function issuedFor(iss: unknown, projectId: string): boolean {
  if (iss === projectId) return true;
  if (typeof iss !== 'string') return false;
  let segments: string[];
  try {
    segments = new URL(iss).pathname.split('/').filter(Boolean);
  } catch {
    return false;
  }
  return segments.at(-1) === projectId || segments.at(-2) === projectId;
}

export function createSessionValidator(options: SessionValidatorOptions = {}): SessionValidator {
  const { projectId, baseUrl } = resolveValidatorOptions(options);
  // The public SDKs send `Bearer <projectId>` on the JWKS route; the server must not require more.
  const jwks = new JwksCache(baseUrl + routePath(routes.keys.jwks, { projectId }), {
    authorization: `Bearer ${projectId}`,
  });
  return {
    async validate(sessionJwt) {
      if (!sessionJwt) return undefined;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(sessionJwt, (header) => jwks.keyFor(header), {
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_TOLERANCE_SEC,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch {
        // Expired, forged, malformed, or the key is unknown even after a refetch: all mean "no session".
        return undefined;
      }
      // A refresh JWT is signed with the same keys: only a session token (`drn: DS`) is a session.
      if (payload.drn !== 'DS' || !issuedFor(payload.iss, projectId)) return undefined;
      return { jwt: sessionJwt, token: payload as AuthenticationInfo['token'] };
    },
  };
}

// One validator (and so one JWKS cache) per project and server in this process: keys are fetched once, not per request.
const validators = new Map<string, SessionValidator>();

/** The process-wide validator for these options. */
export function sessionValidatorFor(options: SessionValidatorOptions = {}): SessionValidator {
  const resolved = resolveValidatorOptions(options);
  const key = `${resolved.projectId} ${resolved.baseUrl}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = createSessionValidator(resolved);
    validators.set(key, validator);
  }
  return validator;
}
