// Server-wide default rate limits (WHATSAPP.md's suggested defaults): the rules config.ts and projects start from.
import type { RateLimitSettings } from './ports.js';

const SECOND = 1_000; // ms
const MINUTE = 60 * SECOND;

/**
 * Server-wide rate limits (WHATSAPP.md's suggested defaults). Each count can be changed by an environment variable
 * (`NOTP_RATE_LIMIT_<NAME>`, see config/config.ts); a project may override any rule in `settings.rateLimits`.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = Object.freeze({
  startPerIp: { limit: 60, windowMs: MINUTE }, // offices and carriers put many users behind one address
  startPerLoginId: { limit: 5, windowMs: 10 * MINUTE }, // bounds sign-in enumeration and QR spam per person
  inboundPerSender: { limit: 10, windowMs: MINUTE }, // bounds code guessing from one phone
  pollsPerPendingRef: { limit: 5, windowMs: SECOND }, // the public SDKs poll once a second
  refreshPerToken: { limit: 30, windowMs: MINUTE }, // several tabs refreshing together stay well under it
  managementPerKey: { limit: 600, windowMs: MINUTE },
  // Wrong management keys per client address: 10 per 15 min, then every management call from it is refused until the
  // window ends (Auth0's brute-force protection blocks after 10 failures; Keycloak's lockout waits up to 15 min).
  managementFailuresPerIp: { limit: 10, windowMs: 15 * MINUTE },
});
