// SessionValidator: verifies a notp session JWT locally against the project's JWKS, with the node SDK's one validator
// (`@notp/node-sdk/jwt`: the same rules and refetch policy) over WebCrypto keys, so it runs on the Edge runtime too.
import { type AuthenticationInfo, DEFAULT_BASE_URL, type JWK, routePath, routes } from '@notp/core';
import { importWebCryptoKey, KeyCache, validateJwt } from '@notp/node-sdk/jwt';

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

export function createSessionValidator(options: SessionValidatorOptions = {}): SessionValidator {
  const { projectId, baseUrl } = resolveValidatorOptions(options);
  const jwksUrl = baseUrl + routePath(routes.keys.jwks, { projectId });
  const keys = new KeyCache(async () => {
    // The public SDKs send `Bearer <projectId>` on the JWKS route; the server must not require more.
    const response = await fetch(jwksUrl, { headers: { authorization: `Bearer ${projectId}` } });
    if (!response.ok) throw new Error(`notp: JWKS answered ${response.status}`);
    const body = (await response.json()) as { keys?: JWK[] };
    return Array.isArray(body.keys) ? body.keys : [];
  }, importWebCryptoKey);
  return {
    async validate(sessionJwt) {
      if (!sessionJwt) return undefined;
      try {
        // Only a session token (`drn: DS`) of this project; a refresh JWT is signed with the same keys.
        const info = await validateJwt(keys, projectId, sessionJwt, 'DS');
        return typeof info.token.sub === 'string' ? info : undefined;
      } catch {
        // Expired, forged, malformed, or the key is unknown even after a refetch: all mean "no session".
        return undefined;
      }
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
