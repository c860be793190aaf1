// Console session rows as both SQL adapters read them.
import type { ConsoleSessionRecord } from './consolePorts.js';

export interface ConsoleSessionRow {
  id: string;
  token_hash: string;
  project_id: string;
  user_id: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export function consoleSessionRecordOf(r: ConsoleSessionRow): ConsoleSessionRecord {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    projectId: r.project_id,
    userId: r.user_id,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
  };
}

/** The row's values in column order (id, token_hash, project_id, user_id, created_at, last_seen_at, expires_at). */
export function consoleSessionValues(
  s: ConsoleSessionRecord,
): [string, string, string, string | null, number, number, number] {
  return [s.id, s.tokenHash, s.projectId, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt];
}
