// withNotifications: lets the app subscribe to session token, user, claims and authenticated-state changes.
import type { SessionClaims, UserResponse } from '@notp/core';
import type { EnhancerContext, SdkBuilder } from '../../internal/EnhancerContext.js';
import type { SessionCore } from '../../internal/createSessionCore.js';
import type { NotpSdkOptions } from '../../NotpSdkOptions.js';
import { createPubSub } from './createPubSub.js';

export interface NotificationsApi {
  /** Called with the new session JWT, or null when the session ends. Returns the unsubscribe function. */
  onSessionTokenChange(callback: (sessionToken: string | null) => void): () => void;
  /** Called with the user, or null when the session ends. Returns the unsubscribe function. */
  onUserChange(callback: (user: UserResponse | null) => void): () => void;
  /** Called with the session JWT's claims, or null when the session ends. Returns the unsubscribe function. */
  onClaimsChange(callback: (claims: SessionClaims | null) => void): () => void;
  /** Called with true on each new session, false when it ends. Returns the unsubscribe function. */
  onIsAuthenticatedChange(callback: (isAuthenticated: boolean) => void): () => void;
}

export function withNotifications<S extends SessionCore>(
  next: SdkBuilder<S, NotpSdkOptions>,
): SdkBuilder<S & NotificationsApi, NotpSdkOptions> {
  return (options: NotpSdkOptions, context: EnhancerContext) => {
    const sessionToken = createPubSub<string | null>(context.reportError);
    const user = createPubSub<UserResponse | null>(context.reportError);
    const claims = createPubSub<SessionClaims | null>(context.reportError);
    const isAuthenticated = createPubSub<boolean>(context.reportError);

    // Registered last of the enhancers: subscribers run after the tokens are stored and the user remembered.
    context.listeners.push({
      onSession(session) {
        sessionToken.publish(session.sessionJwt);
        if (session.claims) claims.publish(session.claims);
        isAuthenticated.publish(true);
      },
      onUser: (u) => user.publish(u),
      onSessionEnd() {
        sessionToken.publish(null);
        user.publish(null);
        claims.publish(null);
        isAuthenticated.publish(false);
      },
    });

    return {
      ...next(options, context),
      onSessionTokenChange: sessionToken.subscribe,
      onUserChange: user.subscribe,
      onClaimsChange: claims.subscribe,
      onIsAuthenticatedChange: isAuthenticated.subscribe,
    };
  };
}
