// EnhancerContext: the state the enhancers share while one SDK instance is built (storage, listeners, token source).
import type { KeyValueStorage } from './KeyValueStorage.js';
import type { SessionListener } from './SessionListener.js';

export interface EnhancerContext {
  /** Where tokens, the logged-in indicator and the last user live; set by withCustomStorage. */
  storage: KeyValueStorage;
  /** Prepended to every storage key (`storagePrefix` option). */
  keyPrefix: string;
  /** Called in registration order, i.e. the enhancers' fixed order: storage → tokens → refresh → last user → notify. */
  listeners: SessionListener[];
  /** The tokens of this page's current session, kept in memory whatever the persistence options. */
  memory: { sessionJwt?: string; refreshJwt?: string };
  /** Where a call that passes no refresh token gets one; withPersistTokens points it at storage. */
  readRefreshToken(): string | undefined;
  /** Reports a failure in a listener or subscriber without breaking the others. */
  reportError(err: unknown): void;
}

/** A builder of an SDK instance from the options; each enhancer wraps one. */
export type SdkBuilder<S, O> = (options: O, context: EnhancerContext) => S;
