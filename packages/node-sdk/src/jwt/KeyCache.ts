// KeyCache: the project's JWKS keys by kid — fetched once, refetched only for an unknown kid, concurrent fetches coalesced.
// Edge-safe (no node: imports): the node SDK imports keys with node:crypto, the Next.js SDK with WebCrypto.
import type { JWK } from '@notp/core';
import type { KeyImporter, VerifyKey } from './verifyKey.js';

/** After a refetch that did not find the asked kid, unknown kids fail without a fetch for this long (anti-amplification). */
export const UNKNOWN_KID_COOLDOWN_MS = 5_000; // 5 s

export class KeyCache {
  readonly #keys = new Map<string, VerifyKey>();
  readonly #fetchKeys: () => Promise<JWK[]>;
  readonly #importKey: KeyImporter;
  readonly #now: () => number;
  #inflight: Promise<void> | null = null;
  #quietUntil = 0;
  /** How many JWKS fetches ran (for tests and diagnostics). */
  fetches = 0;

  constructor(fetchKeys: () => Promise<JWK[]>, importKey: KeyImporter, now: () => number = Date.now) {
    this.#fetchKeys = fetchKeys;
    this.#importKey = importKey;
    this.#now = now;
  }

  /**
   * The key for a kid: from the cache (no I/O, no promise), else after one coalesced JWKS fetch.
   * Throws for an empty kid; the promise rejects for a kid the JWKS does not have.
   */
  resolve(kid: string | undefined): VerifyKey | Promise<VerifyKey> {
    if (!kid) throw new Error('header.kid must not be empty');
    return this.#keys.get(kid) ?? this.#fetchFor(kid);
  }

  async #fetchFor(kid: string): Promise<VerifyKey> {
    if (!this.#inflight && this.#now() < this.#quietUntil) throw new Error('failed to fetch matching key');
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = null;
    });
    await this.#inflight;
    const key = this.#keys.get(kid);
    if (!key) {
      this.#quietUntil = this.#now() + UNKNOWN_KID_COOLDOWN_MS;
      throw new Error('failed to fetch matching key');
    }
    return key;
  }

  async #refresh(): Promise<void> {
    this.fetches++;
    const jwks = await this.#fetchKeys();
    for (const jwk of jwks) {
      // Public signature keys only: never a symmetric (`oct`) key from the wire, nor one published for encryption.
      if (typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.kty === 'oct') continue;
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      let key: VerifyKey;
      try {
        key = await this.#importKey(jwk);
      } catch {
        continue; // a key we cannot verify with (unknown alg, weak RSA) is left out; its tokens fail as "no matching key"
      }
      // Keys are kept forever (CONTRACT.md §5): a retired key stays trusted until restart, so rotate with overlap.
      this.#keys.set(jwk.kid, key);
    }
  }
}
