// JwksCache: a project's public signing keys by kid, fetched once and refetched only for an unknown kid (rate-bounded).
import { importJWK, type JWK, type JWSHeaderParameters } from 'jose';

/** Verification key, as jose's importJWK returns it. */
type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** At most one JWKS fetch per this interval: tokens with made-up kids cannot turn into a flood of fetches. */
const MIN_REFETCH_INTERVAL_MS = 1_000; // 1 s

export class JwksCache {
  private keys = new Map<string, Promise<VerifyKey>>();
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly jwksUrl: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** The key for this token header; an unknown kid waits for (at most one) refetch rather than failing. */
  async keyFor(header: JWSHeaderParameters): Promise<VerifyKey> {
    const kid = header.kid;
    if (!kid) throw new Error('notp: token has no kid');
    if (!this.keys.has(kid)) await this.refetch();
    const key = this.keys.get(kid);
    if (!key) throw new Error('notp: no key with this kid');
    return key;
  }

  /** Single-flight: concurrent misses share one fetch, delayed until the interval since the last one has passed. */
  private refetch(): Promise<void> {
    this.inFlight ??= (async () => {
      const wait = this.lastFetchAt + MIN_REFETCH_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.lastFetchAt = Date.now();
      const response = await fetch(this.jwksUrl, { headers: this.headers });
      if (!response.ok) throw new Error(`notp: JWKS answered ${response.status}`);
      const body = (await response.json()) as { keys?: JWK[] };
      const keys = new Map<string, Promise<VerifyKey>>();
      for (const jwk of body.keys ?? []) {
        // Public signature keys only: never trust a symmetric (`oct`) key from the wire.
        if (!jwk.kid || jwk.kty === 'oct' || (jwk.use && jwk.use !== 'sig')) continue;
        keys.set(jwk.kid, importJWK(jwk, jwk.alg));
      }
      this.keys = keys;
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }
}
