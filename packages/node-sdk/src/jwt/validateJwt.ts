// Local JWT validation against the cached JWKS, one decode: alg, kid, signature, exp/nbf, iss, aud, drn. Edge-safe:
// the node SDK runs it with node:crypto keys (synchronous), the Next.js SDK with WebCrypto keys (verifyKey.ts).
import type { AuthenticationInfo } from '@notp/core';
import { errors as joseErrors } from 'jose';
import type { KeyCache } from './KeyCache.js';
import { ALLOWED_ALGS, type VerifyKey } from './verifyKey.js';

// Node's Buffer when there is one (fast), else atob/TextDecoder (the Edge runtime has no Buffer); never imported.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const utf8 = new TextDecoder();

function base64urlBytes(segment: string): Uint8Array {
  if (NodeBuffer) return NodeBuffer.from(segment, 'base64url');
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function base64urlText(segment: string): string {
  return NodeBuffer ? NodeBuffer.from(segment, 'base64url').toString('utf8') : utf8.decode(base64urlBytes(segment));
}

/** The signing input's bytes; it is ASCII (COMPACT_JWS checked the alphabet), so latin1 is its UTF-8. */
function asciiBytes(text: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(text, 'latin1') : new TextEncoder().encode(text);
}

/** Clock skew allowed on `exp`/`nbf`, as the public SDKs do. */
export const CLOCK_TOLERANCE_SEC = 5;

export interface VerifyOptions {
  /** Check `aud` only when the caller asks. */
  audience?: string | string[];
}

type Claims = AuthenticationInfo['token'];

/** `iss` is the project id, or a URL (or path) whose last or second-to-last segment is it. */
export function issuerMatches(iss: unknown, projectId: string): boolean {
  if (iss === projectId) return true;
  if (typeof iss !== 'string' || iss === '') return false;
  // Fast path for notp's own `<publicUrl>/<projectId>` (hot: every validation); the general rule follows.
  if (iss.endsWith(projectId) && iss.charCodeAt(iss.length - projectId.length - 1) === 47 /* '/' */) return true;
  let path = iss;
  try {
    path = new URL(iss).pathname;
  } catch {
    // not a URL: compare the raw segments
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  return segments[segments.length - 1] === projectId || segments[segments.length - 2] === projectId;
}

/** Three base64url segments; the alphabet is checked here once, because Buffer's decoder skips bad characters. */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

interface Header {
  alg: string;
  kid: string | undefined;
}

/**
 * Protected headers already seen on a token that verified, by their base64url text. A project signs with one or
 * two keys, so every token repeats one of a few headers; a bounded map skips their decode. Filled only after a
 * signature check passed, so made-up headers never take a place.
 */
const knownHeaders = new Map<string, Header>();
const KNOWN_HEADERS_MAX = 16;

function parseHeader(segment: string): Header {
  const known = knownHeaders.get(segment);
  if (known) return known;
  let header: unknown;
  try {
    header = JSON.parse(base64urlText(segment));
  } catch {
    throw new joseErrors.JWSInvalid('Invalid Compact JWS: the protected header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new joseErrors.JWSInvalid('JWS Protected Header must be an object');
  }
  const { alg, kid, crit } = header as Record<string, unknown>;
  if (crit !== undefined) throw new joseErrors.JWSInvalid('"crit" (Critical) Header Parameter is not supported');
  if (typeof alg !== 'string' || !ALLOWED_ALGS.has(alg)) {
    throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  }
  if (kid !== undefined && typeof kid !== 'string') throw new joseErrors.JWSInvalid('"kid" must be a string');
  return { alg, kid };
}

function claimFailed(message: string, payload: Claims, claim: string): never {
  throw new joseErrors.JWTClaimValidationFailed(message, payload, claim, 'check_failed');
}

function audienceMatches(aud: unknown, expected: string | string[]): boolean {
  const wanted = typeof expected === 'string' ? [expected] : expected;
  if (typeof aud === 'string') return wanted.includes(aud);
  return Array.isArray(aud) && aud.some((a) => wanted.includes(a));
}

/** One token being validated: its parts (split once) and what it is checked against. */
interface Check {
  jwt: string;
  header: Header;
  headerSegment: string;
  /** Index of the second dot: the signing input is `jwt.slice(0, dot2)`. */
  dot2: number;
  projectId: string;
  drn: 'DS' | 'DSR' | undefined;
  options: VerifyOptions | undefined;
}

/** Signature first, then the claims (as jose orders them): nothing of an unverified payload is trusted. */
function verifyWith(key: VerifyKey, t: Check): AuthenticationInfo | Promise<AuthenticationInfo> {
  if (t.header.alg !== key.alg) {
    throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  }
  const verified = key.verify(asciiBytes(t.jwt.slice(0, t.dot2)), base64urlBytes(t.jwt.slice(t.dot2 + 1)));
  // node:crypto answers at once (no await on the node SDK's hot path); WebCrypto answers with a promise.
  if (typeof verified === 'boolean') return claimsOf(verified, t);
  return verified.then((ok) => claimsOf(ok, t));
}

/** After the signature check: remember the header, then parse and check the claims. */
function claimsOf(signatureOk: boolean, t: Check): AuthenticationInfo {
  const { jwt, header, headerSegment, dot2, projectId, drn, options } = t;
  if (!signatureOk) throw new joseErrors.JWSSignatureVerificationFailed();
  if (!knownHeaders.has(headerSegment) && knownHeaders.size < KNOWN_HEADERS_MAX) {
    knownHeaders.set(headerSegment, header);
  }

  let payload: Claims;
  try {
    payload = JSON.parse(base64urlText(jwt.slice(headerSegment.length + 1, dot2)));
  } catch {
    throw new joseErrors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new joseErrors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  }
  const now = Math.floor(Date.now() / 1000);
  const { exp, nbf, iat } = payload;
  // exp is required: a notp token always has one, and a token without it would never expire.
  if (typeof exp !== 'number') claimFailed('"exp" claim must be a number', payload, 'exp');
  if (exp <= now - CLOCK_TOLERANCE_SEC) {
    throw new joseErrors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
  }
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') claimFailed('"nbf" claim must be a number', payload, 'nbf');
    if (nbf > now + CLOCK_TOLERANCE_SEC) claimFailed('"nbf" claim timestamp check failed', payload, 'nbf');
  }
  if (iat !== undefined && typeof iat !== 'number') claimFailed('"iat" claim must be a number', payload, 'iat');
  if (options?.audience && !audienceMatches(payload['aud'], options.audience)) {
    claimFailed('unexpected "aud" claim value', payload, 'aud');
  }
  if (!issuerMatches(payload.iss, projectId)) claimFailed('unexpected "iss" claim value', payload, 'iss');
  if (drn && payload.drn !== drn) claimFailed('unexpected "drn" claim value', payload, 'drn');
  payload.iss = projectId;
  return { jwt, token: payload };
}

/**
 * Verifies `jwt` and returns `{ jwt, token }`; rejects with jose's error classes (expired, bad signature, alg not
 * allowed, …) or a claim error. `drn` (`DS` session, `DSR` refresh) is enforced when given, so a refresh JWT never
 * passes as a session. With the key cached and a node:crypto key, the whole check runs synchronously (no await, no
 * JWKS I/O).
 */
export function validateJwt(
  keys: KeyCache,
  projectId: string,
  jwt: string,
  drn: 'DS' | 'DSR' | undefined,
  options?: VerifyOptions,
): Promise<AuthenticationInfo> {
  try {
    if (typeof jwt !== 'string' || !COMPACT_JWS.test(jwt)) throw new joseErrors.JWSInvalid('Invalid Compact JWS');
    const dot1 = jwt.indexOf('.');
    const dot2 = jwt.indexOf('.', dot1 + 1);
    const headerSegment = jwt.slice(0, dot1);
    const header = parseHeader(headerSegment);
    const key = keys.resolve(header.kid);
    const t: Check = { jwt, header, headerSegment, dot2, projectId, drn, options };
    if (key instanceof Promise) return key.then((k) => verifyWith(k, t));
    const verified = verifyWith(key, t);
    return verified instanceof Promise ? verified : Promise.resolve(verified);
  } catch (err) {
    return Promise.reject(err);
  }
}
