// KeyCache: the project's JWKS keys by kid — fetched once, refetched only for an unknown kid, concurrent fetches coalesced.
import type { JWK } from '@notp/core';
import { importJWK, type JWTHeaderParameters } from 'jose';

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** After a refetch that did not find the asked kid, unknown kids fail without a fetch for this long (anti-amplification). */
export const UNKNOWN_KID_COOLDOWN_MS = 5_000; // 5 s

export class KeyCache {
  readonly #keys = new Map<string, VerifyKey>();
  readonly #fetchKeys: () => Promise<JWK[]>;
  readonly #now: () => number;
  #inflight: Promise<void> | null = null;
  #quietUntil = 0;
  /** How many JWKS fetches ran (for tests and diagnostics). */
  fetches = 0;

  constructor(fetchKeys: () => Promise<JWK[]>, now: () => number = Date.now) {
    this.#fetchKeys = fetchKeys;
    this.#now = now;
  }

  /**
   * The key for a JWT header: from the cache (no I/O, no await), else after one coalesced JWKS fetch.
   * Throws for a header without `kid` and for a kid the JWKS does not have.
   */
  /** `resolve`, bound once (jose's key-function argument; no closure per validation). */
  readonly resolver = (header: Pick<JWTHeaderParameters, 'kid'>) => this.resolve(header);

  resolve(header: Pick<JWTHeaderParameters, 'kid'>): VerifyKey | Promise<VerifyKey> {
    const kid = header.kid;
    if (!kid) throw new Error('header.kid must not be empty');
    const cached = this.#keys.get(kid);
    return cached ?? this.#fetchFor(kid);
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
    const imported = await Promise.all(
      jwks
        .filter((jwk) => typeof jwk.kid === 'string' && jwk.kid !== '' && jwk.kty !== 'oct')
        .map(async (jwk) => [jwk.kid, await importJWK(jwk, jwk.alg)] as const),
    );
    // Keys are kept forever (CONTRACT.md §5): a retired key stays trusted until restart, so rotate with overlap.
    for (const [kid, key] of imported) this.#keys.set(kid, key);
  }
}
