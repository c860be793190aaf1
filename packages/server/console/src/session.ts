// session: the signed-in admin's console session, shared with every page through a Preact context.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** What the server answers for a console session (/console/api/session). */
export interface ConsoleSession {
  projectId: string;
  projectName: string;
  admin: { kind: 'user'; userId: string; name?: string; loginId: string } | { kind: 'management-key' };
  csrfToken: string;
  idleTimeoutSec: number;
  expiresAt: number;
}

export interface SessionState {
  session: ConsoleSession;
  /** Ends the session on the server, then shows the sign-in screen. */
  signOut(): Promise<void>;
  /** Replaces the session (e.g. after the project was renamed). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The current console session; only pages rendered inside the signed-in shell may call this. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside the signed-in console');
  return state;
}

/** A short label for who is signed in. */
export function adminLabel(session: ConsoleSession): string {
  const { admin } = session;
  return admin.kind === 'management-key' ? 'Management key' : admin.name || admin.loginId;
}
