// Management: a page of the project's audit log, newest first, with the cursor of the next (older) page.
import type { Deps } from '../../deps.js';
import { auditLimit } from '../../store/auditRows.js';
import type { AuditEventType, AuditRecord } from '../../store/ports.js';

export interface AuditPageInput {
  userId?: string;
  type?: AuditEventType;
  /** Epoch ms: only events at or after it. */
  since?: number;
  /** Epoch ms: only events at or before it. */
  until?: number;
  /** The `next` of the previous page. */
  cursor?: number;
  limit?: number;
}

/** The route's query string (values are strings; the schema checked their shape). */
export interface AuditQueryString {
  userId?: string;
  type?: AuditEventType;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: string;
}

export interface AuditPage {
  events: AuditRecord[];
  /** Pass as `cursor` for the next (older) page; absent when this page was the last. */
  next?: number;
}

export async function queryAudit(deps: Deps, projectId: string, input: AuditPageInput): Promise<AuditPage> {
  const limit = auditLimit(input.limit);
  const events = await deps.store.audit.query(projectId, {
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.since !== undefined ? { since: input.since } : {}),
    ...(input.until !== undefined ? { until: input.until } : {}),
    ...(input.cursor !== undefined ? { beforeId: input.cursor } : {}),
    order: 'newest-first',
    limit,
  });
  const last = events.at(-1);
  return events.length === limit && last ? { events, next: last.id } : { events };
}
