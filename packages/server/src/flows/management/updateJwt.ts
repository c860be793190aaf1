// POST /v1/mgmt/jwt/update: a project's valid session JWT re-signed with extra (trusted) custom claims, same expiry.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import { RESERVED_CLAIMS } from '../sessions/sessionClaims.js';

/** The JWT's own timing claims: re-signing sets them (iss too), so they are not copied. */
const SIGNER_CLAIMS = new Set(['iss', 'iat', 'exp', 'nbf']);

export async function updateJwt(
  deps: Pick<Deps, 'tokens' | 'clock'>,
  projectId: string,
  input: { jwt: string; customClaims?: Record<string, unknown> },
): Promise<{ jwt: string }> {
  const claims = await deps.tokens.verify(projectId, input.jwt, 'DS');
  if (!claims)
    throw new NotpError(errors.invalidToken, { message: 'jwt is not a valid session token of this project' });
  const reserved = Object.keys(input.customClaims ?? {}).filter((name) => RESERVED_CLAIMS.has(name));
  if (reserved.length > 0) {
    throw new NotpError(errors.invalidArguments, { message: `customClaims may not set: ${reserved.join(', ')}` });
  }
  const next: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) if (!SIGNER_CLAIMS.has(name)) next[name] = value;
  Object.assign(next, input.customClaims);
  // The new token expires when the old one did (never later): management can add claims, not lifetime.
  const leftSec = Number(claims.exp) - Math.floor(deps.clock.now() / 1000);
  if (!(leftSec > 0)) throw new NotpError(errors.invalidToken, { message: 'jwt has expired' });
  const signed = await deps.tokens.sign(projectId, next, leftSec);
  return { jwt: signed.jwt };
}
