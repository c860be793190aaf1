// NotpSdk: the browser SDK, the core composed with the enhancers in their one fixed order.
import { withAutoRefresh } from './enhancers/withAutoRefresh/withAutoRefresh.js';
import { withCustomStorage } from './enhancers/withCustomStorage/withCustomStorage.js';
import { withLastUser } from './enhancers/withLastUser/withLastUser.js';
import { withNotifications } from './enhancers/withNotifications/withNotifications.js';
import { withPersistTokens } from './enhancers/withPersistTokens/withPersistTokens.js';
import { createSessionCore } from './internal/createSessionCore.js';
import type { EnhancerContext } from './internal/EnhancerContext.js';
import { createMemoryStorage } from './internal/KeyValueStorage.js';
import type { NotpSdkOptions } from './NotpSdkOptions.js';

/**
 * Outermost first: each enhancer registers its session listener before the next one, so on every new session the
 * storage is ready, then the tokens are stored, the refresh is scheduled, the user remembered, and last the app's
 * subscribers are told (they see a consistent SDK).
 */
const build = withCustomStorage(withPersistTokens(withAutoRefresh(withLastUser(withNotifications(createSessionCore)))));

export type NotpSdkInstance = ReturnType<typeof build>;

/**
 * Creates the browser SDK. Throws at once on a developer's mistake (missing project id, unsupported option); every
 * method after that resolves `{ ok, code, data | error }` and never rejects. Touches no browser global until used.
 */
export function NotpSdk(options: NotpSdkOptions): NotpSdkInstance {
  if (!options || typeof options !== 'object') throw new TypeError('notp: NotpSdk(options) needs an options object');
  if (options.oidcConfig !== undefined) {
    throw new Error('notp: "oidcConfig" is not supported: notp is a WhatsApp login server, not an OIDC provider');
  }
  const logger = options.logger;
  const context: EnhancerContext = {
    storage: createMemoryStorage(),
    keyPrefix: '',
    listeners: [],
    memory: {},
    readRefreshToken: () => context.memory.refreshJwt,
    reportError: (err) => (logger ?? console).error('notp: a session listener failed', err),
  };
  return build(options, context);
}
