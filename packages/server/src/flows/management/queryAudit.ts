// Management: a page of the project's audit log, with the cursor of the next page.
import type { Deps } from '../../deps.js';
import { auditLimit } from '../../store/auditRows.js';
import type { AuditEventType, AuditRecord } from '../../store/ports.js';

export interface AuditPageInput {
  userId?: string;
  type?: AuditEventType;
  /** Epoch ms. */
  since?: number;
  /** The `next` of the previous page. */
  cursor?: number;
  limit?: number;
}

export interface AuditPage {
  events: AuditRecord[];
  /** Pass as `cursor` for the next page; absent when this page was the last. */
  next?: number;
}

export async function queryAudit(deps: Deps, projectId: string, input: AuditPageInput): Promise<AuditPage> {
  const limit = auditLimit(input.limit);
  const events = await deps.store.audit.query(projectId, {
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.since !== undefined ? { since: input.since } : {}),
    ...(input.cursor !== undefined ? { afterId: input.cursor } : {}),
    limit,
  });
  const last = events.at(-1);
  return events.length === limit && last ? { events, next: last.id } : { events };
}
