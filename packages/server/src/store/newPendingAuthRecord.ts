// newPendingAuthRecord: a pending login as a start stores it — what the start knows, and every later field empty.
import type { PendingAuthRecord } from './pendingAuthPorts.js';

/** What a start decides about a login; the rest of the record is filled by verification and consume. */
export type PendingAuthStart = Pick<
  PendingAuthRecord,
  'id' | 'projectId' | 'refHash' | 'codeHash' | 'kind' | 'request' | 'expectedPhone' | 'createdAt' | 'expiresAt'
> &
  Partial<Pick<PendingAuthRecord, 'userId' | 'parentSessionId'>>;

/**
 * The one place that spells out a fresh record's state (status `pending`, no sender, no result, not verified, not
 * consumed): used by the start flow (`flows/notp/startLogin.ts`), the store conformance fixtures and the benches, so
 * a field added to the record is initialised everywhere at once.
 */
export function newPendingAuthRecord(start: PendingAuthStart): PendingAuthRecord {
  return {
    userId: null,
    parentSessionId: null,
    ...start,
    status: 'pending',
    failureCode: null,
    senderPhone: null,
    senderWaId: null,
    senderBsuid: null,
    resultUserId: null,
    firstSeen: false,
    confirmNonceHash: null,
    verifiedAt: null,
    consumedAt: null,
  };
}
