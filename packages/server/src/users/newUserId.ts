// New user ids: `U` + 27 alphanumerics (≈160 random bits), the same shape as the public SDKs' user ids.
import { randomAlphanumeric } from '../crypto/randomAlphanumeric.js';
import type { Random } from '../ports.js';

export function newUserId(random: Random): string {
  return `U${randomAlphanumeric(random, 27)}`;
}
