// The TokenService implementation: jose signing/verification over the project's stored keys (cached per process).
import type { JWKSResponse } from '@notp/core';
import { jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { Config } from '../config/config.js';
import type { Clock, Random } from '../ports.js';
import type { Store } from '../store/ports.js';
import { generateSigningKey, type SigningAlg } from './generateSigningKey.js';
import { KeyCache, type ProjectKeys } from './KeyCache.js';
import type { SignedToken, TokenService } from './TokenService.js';

/** Clock skew the public SDKs allow; we verify with the same. */
export const CLOCK_TOLERANCE_SEC = 5;
/** Longer strings are not our JWTs; refuse before parsing. */
const MAX_JWT_LENGTH = 8192;
const ALGORITHMS: SigningAlg[] = ['RS256', 'ES256', 'EdDSA'];
const DEFAULT_ALG: SigningAlg = 'RS256';

export interface TokenServiceDeps {
  store: Pick<Store, 'keys' | 'projects'>;
  config: Pick<Config, 'publicUrl'>;
  masterKey: Buffer;
  clock: Clock;
  random: Random;
}

/** `iss` of a project's tokens: the SDKs accept a URL whose last path segment is the project id. */
export function issuerOf(publicUrl: string, projectId: string): string {
  return `${publicUrl}/${projectId}`;
}

export function createTokenService(deps: TokenServiceDeps): TokenService {
  const cache = new KeyCache(deps.store.keys, deps.masterKey, deps.clock);
  const creating = new Map<string, Promise<void>>();

  async function algFor(projectId: string): Promise<SigningAlg> {
    const project = await deps.store.projects.get(projectId);
    return project?.settings.signingAlg ?? DEFAULT_ALG;
  }

  /** Creates the first key if the project has none; concurrent callers in this process share one creation. */
  function ensureActiveKey(projectId: string): Promise<void> {
    const inFlight = creating.get(projectId);
    if (inFlight) return inFlight;
    const run = (async () => {
      if (await deps.store.keys.getActive(projectId)) return;
      const record = await generateSigningKey({
        projectId,
        alg: await algFor(projectId),
        masterKey: deps.masterKey,
        random: deps.random,
        now: deps.clock.now(),
      });
      await deps.store.keys.create(record);
    })().finally(() => creating.delete(projectId));
    creating.set(projectId, run);
    return run;
  }

  async function keysWithActive(
    projectId: string,
  ): Promise<ProjectKeys & { active: NonNullable<ProjectKeys['active']> }> {
    let keys = await cache.get(projectId);
    if (!keys.active) {
      await ensureActiveKey(projectId);
      keys = await cache.reload(projectId);
    }
    const active = keys.active;
    if (!active) throw new Error(`project ${projectId} has no active signing key`);
    return { ...keys, active };
  }

  return {
    async sign(projectId: string, claims: Record<string, unknown>, ttlSec: number): Promise<SignedToken> {
      const { active } = await keysWithActive(projectId);
      const iat = Math.floor(deps.clock.now() / 1000);
      const exp = iat + Math.max(1, Math.floor(ttlSec));
      // iss/iat/exp last: the caller's claims never override them.
      const payload = { ...claims, iss: issuerOf(deps.config.publicUrl, projectId), iat, exp };
      const jwt = await new SignJWT(payload)
        .setProtectedHeader({ alg: active.alg, kid: active.kid, typ: 'JWT' })
        .sign(active.privateKey);
      return { jwt, exp, iat, claims: payload };
    },

    async verify(projectId: string, jwt: string, drn: 'DS' | 'DSR'): Promise<Record<string, unknown> | null> {
      if (typeof jwt !== 'string' || jwt.length === 0 || jwt.length > MAX_JWT_LENGTH) return null;
      const keys = await cache.get(projectId);
      const getKey = async (header: JWTHeaderParameters) => {
        if (!header.kid) throw new Error('token has no kid');
        let key = keys.verifiers.get(header.kid);
        if (!key) key = (await cache.reloadForUnknownKid(projectId))?.verifiers.get(header.kid);
        // The key fixes the algorithm: a header naming another alg (incl. none) never selects a verifier.
        if (!key || key.alg !== header.alg) throw new Error('no matching published key');
        return key.publicKey;
      };
      try {
        const { payload } = await jwtVerify(jwt, getKey, {
          issuer: issuerOf(deps.config.publicUrl, projectId),
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_TOLERANCE_SEC,
          currentDate: new Date(deps.clock.now()),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (payload.drn !== drn || typeof payload.sub !== 'string') return null;
        return payload as Record<string, unknown>;
      } catch {
        return null;
      }
    },

    async jwks(projectId: string): Promise<JWKSResponse> {
      return (await keysWithActive(projectId)).jwks;
    },

    ensureActiveKey,

    async rotate(projectId: string): Promise<string> {
      const project = await deps.store.projects.get(projectId);
      const now = deps.clock.now();
      const next = await generateSigningKey({
        projectId,
        alg: project?.settings.signingAlg ?? DEFAULT_ALG,
        masterKey: deps.masterKey,
        random: deps.random,
        now,
      });
      if (await deps.store.keys.getActive(projectId)) {
        // The old key stays published until the longest-lived token it can have signed has expired.
        const longestTtlSec = Math.max(project?.settings.refreshTtlSec ?? 0, project?.settings.sessionTtlSec ?? 0);
        const retireAfter = now + (longestTtlSec + CLOCK_TOLERANCE_SEC) * 1000;
        await deps.store.keys.rotate(projectId, next, retireAfter);
      } else {
        await deps.store.keys.create(next);
      }
      // Housekeeping while we are here: keys whose overlap ended leave the published set for good.
      await deps.store.keys.retireDue(now);
      await cache.reload(projectId);
      return next.kid;
    },
  };
}
