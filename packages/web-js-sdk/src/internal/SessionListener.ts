// SessionListener: what an enhancer hears from the session core (new session, user, session end), in registration order.
import type { JWTResponse, UserResponse } from '@notp/core';

/** Why local session state is being dropped: the app logged out, or the server said the session is gone (4xx). */
export type SessionEndReason = 'logout' | 'invalid';

export interface SessionListener {
  /** A JWTResponse arrived (waitForSession, refresh, tryRefresh, selectTenant). */
  onSession?(session: JWTResponse): void;
  /** A user object arrived (`me`, or `user` inside a JWTResponse). */
  onUser?(user: UserResponse): void;
  /** Local session state must go. */
  onSessionEnd?(reason: SessionEndReason): void;
}
