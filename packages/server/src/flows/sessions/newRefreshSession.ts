// A new refresh session record: random jti, lifetime from the project, family carried over on rotation.
import type { ProjectRecord, RefreshSessionRecord } from '../../store/ports.js';
import type { SessionDeps } from './mintSession.js';

/** 144 random bits, base64url: the refresh JWT's `jti` (not secret by itself: the JWT's signature guards it). */
export function newRefreshSessionId(random: SessionDeps['random']): string {
  return random.bytes(18).toString('base64url');
}

export function newRefreshSession(
  deps: Pick<SessionDeps, 'clock' | 'random'>,
  p: {
    project: ProjectRecord;
    userId: string;
    amr: string[];
    tenantId: string | null;
    customClaims: Record<string, unknown>;
    customClaimsTrusted: boolean;
    familyId?: string;
    ip?: string;
    userAgent?: string;
  },
): RefreshSessionRecord {
  const now = deps.clock.now();
  const id = newRefreshSessionId(deps.random);
  const record: RefreshSessionRecord = {
    id,
    projectId: p.project.projectId,
    userId: p.userId,
    familyId: p.familyId ?? id,
    amr: [...p.amr],
    tenantId: p.tenantId,
    customClaims: p.customClaims,
    customClaimsTrusted: p.customClaimsTrusted,
    createdAt: now,
    expiresAt: now + p.project.settings.refreshTtlSec * 1000,
    revokedAt: null,
    rotatedAt: null,
  };
  if (p.ip !== undefined) record.ip = p.ip;
  if (p.userAgent !== undefined) record.userAgent = p.userAgent.slice(0, 512);
  return record;
}
