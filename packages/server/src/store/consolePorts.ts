// Store port for console sessions (the admin console's sign-in, http/routes/consoleSession.ts), checked by consoleConformance.ts.
// Same rules as ports.ts: times are epoch ms, every method is async, "not found" is a return value, never a throw.

export interface ConsoleSessionRecord {
  /** Random public id (audit, the actor of management actions); not a secret. */
  id: string;
  /** SHA-256 hex of the cookie's opaque token: the token itself is never stored. Unique. */
  tokenHash: string;
  projectId: string;
  /** The admin user; null for a session opened with the management key. */
  userId: string | null;
  createdAt: number;
  /** Last use (moved forward at most once a minute: see flows/console/consoleSessionPolicy.ts). */
  lastSeenAt: number;
  /** Absolute end of the session, whatever its use. */
  expiresAt: number;
}

export interface ConsoleSessionStore {
  create(session: ConsoleSessionRecord): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<ConsoleSessionRecord | null>;
  /** Sets lastSeenAt (only forward); false when the session does not exist. */
  touch(id: string, lastSeenAt: number): Promise<boolean>;
  /** False when there was no such session. */
  delete(id: string): Promise<boolean>;
  /** Every console session of the user in the project (role revoked, user disabled or deleted); returns how many. */
  deleteForUser(projectId: string, userId: string): Promise<number>;
  /** Sessions whose absolute end is at or before `now`, or last seen before `idleSince`; returns how many. */
  deleteExpired(now: number, idleSince: number): Promise<number>;
}
