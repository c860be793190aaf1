// pendingSession: trades a verified pendingRef for a session exactly once; optionally long-polls until verified.
import { errorByCode, errors, NotpError } from '@notp/core';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Deps } from '../../deps.js';
import { enforceRateLimit } from '../../rate-limit/enforceRateLimit.js';
import type { PendingAuthRecord, ProjectRecord } from '../../store/ports.js';
import { type IssuedSession, issueSession } from '../sessions/issueSession.js';
import { hashPendingRef } from './pendingRef.js';
import type { PendingWaits } from './PendingWaits.js';

export interface PendingSessionInput {
  pendingRef: string;
  /** notp extension (`Prefer: wait=N`, already clamped to 1–30 s): hold while pending. */
  waitSec?: number;
  /** The instance's registry of held requests; required for waiting. */
  waits?: PendingWaits;
  ip?: string;
  userAgent?: string;
}

type Reading = { state: 'waiting'; record: PendingAuthRecord } | { state: 'verified'; record: PendingAuthRecord };

/** Maps a pending auth's state to "keep waiting", "verified", or the terminal error. */
function read(record: PendingAuthRecord | null, project: ProjectRecord, now: number): Reading {
  // A ref of another project is as unknown as a ref that never existed.
  if (!record || record.projectId !== project.projectId) throw new NotpError(errors.pendingUnknown);
  if (record.status === 'failed') {
    throw new NotpError((record.failureCode && errorByCode(record.failureCode)) || errors.internal, {
      detail: `pending ${record.id} failed`,
    });
  }
  if (record.status === 'consumed') throw new NotpError(errors.pendingAlreadyUsed);
  if (now >= record.expiresAt) throw new NotpError(errors.pendingExpired);
  if (record.status === 'verified') return { state: 'verified', record };
  return { state: 'waiting', record };
}

export async function pendingSession(
  deps: Deps,
  project: ProjectRecord,
  input: PendingSessionInput,
): Promise<IssuedSession> {
  const refHash = hashPendingRef(input.pendingRef);
  // Per ref, keyed by its hash: bounds a stolen or guessed ref's polling, and a client stuck in a tight loop.
  await enforceRateLimit(deps, 'pollsPerPendingRef', refHash, project);
  const load = () => deps.store.pendingAuths.getByRefHash(refHash);
  let reading = read(await load(), project, deps.clock.now());

  // Set when a woken long-poll won the exactly-once consume straight away (see below).
  let consumed: PendingAuthRecord | null = null;
  if (reading.state === 'waiting' && input.waitSec && input.waits) {
    const held = await input.waits.hold(reading.record.id, input.waitSec * 1000, async () => {
      reading = read(await load(), project, deps.clock.now());
      return reading.state === 'waiting';
    });
    if (held) {
      // Woken (almost always by the verification's event): consume first. It is atomic, checks 'verified' and expiry,
      // and returns the record, so the usual re-read costs a round trip only when it did not win (the deadline, a
      // failed or expired login, another consumer): then the re-read says which.
      consumed = await deps.store.pendingAuths.consume(refHash, deps.clock.now());
      if (!consumed) reading = read(await load(), project, deps.clock.now());
    }
  }
  if (!consumed && reading.state === 'waiting') throw new NotpError(errors.notpPending);

  const verified = consumed ?? reading.record;
  const userId = verified.resultUserId;
  if (!userId) throw new NotpError(errors.internal, { detail: `verified pending ${verified.id} has no result user` });

  // Step-up / MFA: the parent session must still be live; its methods carry over. (A woken request checks this after
  // its consume: the login is spent either way, since a revoked or expired parent never comes back.)
  let amr = ['whatsapp'];
  if (verified.parentSessionId) {
    const parent = await deps.store.sessions.get(verified.parentSessionId);
    const live = parent && parent.revokedAt === null && parent.expiresAt > deps.clock.now();
    if (!live || parent.userId !== userId) throw new NotpError(errors.tokenRevoked);
    amr = [...new Set([...parent.amr, 'whatsapp'])];
  }

  // Exactly one caller wins the pending auth; everyone else sees it as used.
  consumed ??= await deps.store.pendingAuths.consume(refHash, deps.clock.now());
  if (!consumed) throw new NotpError(errors.pendingAlreadyUsed);

  const user = await deps.store.users.get(project.projectId, userId);
  if (!user) throw new NotpError(errors.userNotFound, { detail: `user ${userId} vanished after verification` });
  if (user.status === 'disabled') throw new NotpError(errors.userDisabled);

  const req = consumed.request;
  const audited = recordAudit(deps, {
    projectId: project.projectId,
    type: consumed.firstSeen ? 'signup' : 'signin',
    userId: user.userId,
    ...(input.ip !== undefined ? { ip: input.ip } : {}),
    ...(input.userAgent !== undefined ? { userAgent: input.userAgent } : {}),
    detail: `${consumed.kind}${verified.parentSessionId ? ' (step-up)' : ''}`,
  });
  const issuing = issueSession(deps, {
    project,
    user,
    amr,
    ...(req.customClaims ? { customClaims: req.customClaims } : {}),
    tenantId: req.tenantId ?? null,
    firstSeen: consumed.firstSeen,
    ...(input.ip !== undefined ? { ip: input.ip } : {}),
    ...(input.userAgent !== undefined ? { userAgent: input.userAgent } : {}),
  });
  // Independent writes: side by side (pending-session is a hot path).
  const [issued] = await Promise.all([issuing, audited]);
  return issued;
}
