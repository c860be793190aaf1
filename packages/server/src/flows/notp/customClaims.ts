// Custom claims from a start: trusted or not (the auth management key), the hosted service's limits, reserved names.
import { errors, NotpError } from '@notp/core';
import { RESERVED_CLAIMS, UNTRUSTED_CLAIMS } from '../sessions/sessionClaims.js';

/** The hosted service's documented limits (CONTRACT.md §6), all checked at start. */
export const CUSTOM_CLAIM_LIMITS = Object.freeze({
  /** Claims per start. */
  maxKeys: 100,
  /** Characters per claim name. */
  maxKeyLength: 60,
  /** Characters of one claim's value, JSON-serialised. */
  maxValueLength: 500,
  /** Levels of objects/arrays inside one claim's value (`{"a":{"b":1}}` is 2). */
  maxDepth: 8,
});

const invalid = (message: string) => new NotpError(errors.invalidArguments, { message });

/**
 * How deep `value` nests objects and arrays, counted without recursion (a hostile value may be thousands deep) and
 * giving up as soon as it passes `limit` (the answer is then `limit + 1`).
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > limit) return limit + 1;
    if (here > deepest) deepest = here;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, here]);
  }
  return deepest;
}

/**
 * Refuses (400 invalidArguments, naming the claim and the limit) custom claims over a limit or using a reserved name.
 * Untrusted claims (no auth management key) may not use `nsec`, the name they are nested under.
 */
export function checkCustomClaims(claims: Record<string, unknown>, trusted: boolean): void {
  const names = Object.keys(claims);
  const L = CUSTOM_CLAIM_LIMITS;
  if (names.length > L.maxKeys) throw invalid(`customClaims has ${names.length} claims; at most ${L.maxKeys} allowed`);
  for (const name of names) {
    if (name.length === 0 || name.length > L.maxKeyLength)
      throw invalid(`customClaims names must be 1–${L.maxKeyLength} characters long`);
    if (RESERVED_CLAIMS.has(name) || (!trusted && name === UNTRUSTED_CLAIMS))
      throw invalid(`customClaims may not set the reserved claim "${name}"`);
    const value = claims[name];
    if (nestingDepth(value, L.maxDepth) > L.maxDepth)
      throw invalid(`customClaims.${name} nests deeper than ${L.maxDepth} levels`);
    // Safe to serialise now: at most maxDepth levels deep, and the body limit bounds its width.
    if (JSON.stringify(value).length > L.maxValueLength)
      throw invalid(`customClaims.${name} is longer than ${L.maxValueLength} characters when serialised`);
  }
}

/** Three base64url segments: a compact JWS. Generated management keys (43 base64url characters) never are. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The auth management key a start may carry, as `@descope/node-sdk` configured with `authManagementKey` sends it:
 * bearer part 3, or part 2 when part 2 is not a JWT (there was no refresh token to send).
 */
export function authManagementKeyOf(bearer: {
  token?: string | undefined;
  extra?: string | undefined;
}): string | undefined {
  if (bearer.extra !== undefined) return bearer.extra;
  if (bearer.token !== undefined && !JWT_SHAPE.test(bearer.token)) return bearer.token;
  return undefined;
}
