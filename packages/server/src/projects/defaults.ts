// Default settings of a new project, taken from the config where the config has a say (the development project's TTLs).
import type { Config } from '../config/config.js';
import type { ProjectSettings } from '../store/ports.js';

/** The first project's name when NOTP_APP_NAME is unset: the name WhatsApp messages show ("Log in to notp dev"). */
export const DEFAULT_APP_NAME = 'notp dev';

/** Origins the development project allows: any port on localhost and 127.0.0.1 (CONTRACT.md §1). */
export const DEV_ALLOWED_ORIGINS: readonly string[] = Object.freeze(['http://localhost:*', 'http://127.0.0.1:*']);

export function defaultProjectSettings(
  config: Pick<Config, 'sessionTtlSec' | 'refreshTtlSec' | 'pendingTtlSec'>,
): ProjectSettings {
  return {
    sessionTtlSec: config.sessionTtlSec, // default 600 s = 10 min
    refreshTtlSec: config.refreshTtlSec, // default 2,419,200 s = 4 weeks
    pendingTtlSec: config.pendingTtlSec, // default 600 s = 10 min
    refreshRotation: false, // off: the public SDKs refresh from several tabs at once, which rotation would flag as reuse
    tokenDelivery: 'body', // a cross-site app cannot use SameSite=Strict cookies
    cookieDomain: '', // host-only
    allowedOrigins: [...DEV_ALLOWED_ORIGINS],
    confirmation: false,
    signingAlg: 'RS256', // what the public SDKs meet in practice
    emailLoginIdRequiresManagementKey: false, // off: browsers may start email sign-ins (docs/security.md: the risk)
  };
}
