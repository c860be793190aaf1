// Per-process cache of each project's imported signing keys, so signing and verifying never decrypt or import per call.
import type { JWK, JWKSResponse } from '@notp/core';
import { importJWK, importPKCS8, type CryptoKey } from 'jose';
import { openSecret } from '../crypto/sealSecret.js';
import type { Clock } from '../ports.js';
import type { KeyStore, SigningKeyRecord } from '../store/ports.js';
import { sealContext, type SigningAlg } from './generateSigningKey.js';

export interface ActiveKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
}

export interface VerifyKey {
  alg: SigningAlg;
  publicKey: CryptoKey;
}

/** One project's keys as loaded from the store. */
export interface ProjectKeys {
  active: ActiveKey | null;
  /** Published keys by kid: active and verify-only (until their retireAfter). */
  verifiers: ReadonlyMap<string, VerifyKey>;
  jwks: JWKSResponse;
  loadedAt: number;
}

/** How long a loaded key set is trusted before it is re-read in the background (other instances may rotate). */
export const KEY_CACHE_TTL_MS = 30_000; // 30 s
/** An unknown kid forces a re-read at most this often per project, so random kids cannot hammer the store. */
export const UNKNOWN_KID_RELOAD_MS = 2_000; // 2 s

export class KeyCache {
  private readonly entries = new Map<string, ProjectKeys>();
  private readonly loading = new Map<string, Promise<ProjectKeys>>();
  /** Imported CryptoKeys by `<projectId>:<kid>:<pub|priv>`: a reload re-imports only new keys. */
  private readonly imported = new Map<string, CryptoKey>();
  private readonly lastForcedReload = new Map<string, number>();

  constructor(
    private readonly keys: KeyStore,
    private readonly masterKey: Buffer,
    private readonly clock: Clock,
  ) {}

  /** The cached keys; a stale entry is served while a background reload runs. */
  async get(projectId: string): Promise<ProjectKeys> {
    const entry = this.entries.get(projectId);
    if (!entry) return this.reload(projectId);
    if (this.clock.now() - entry.loadedAt > KEY_CACHE_TTL_MS) {
      // Background refresh: a failure keeps the old entry (logged by the next awaited load, if any).
      this.reload(projectId).catch(() => {});
    }
    return entry;
  }

  /** Re-reads the project's keys from the store (one read in flight per project). */
  reload(projectId: string): Promise<ProjectKeys> {
    const inFlight = this.loading.get(projectId);
    if (inFlight) return inFlight;
    const load = this.load(projectId).finally(() => this.loading.delete(projectId));
    this.loading.set(projectId, load);
    return load;
  }

  /** Reload because a token named a kid we do not know (another instance may have rotated); rate-limited. */
  async reloadForUnknownKid(projectId: string): Promise<ProjectKeys | null> {
    const now = this.clock.now();
    const last = this.lastForcedReload.get(projectId) ?? Number.NEGATIVE_INFINITY;
    if (now - last < UNKNOWN_KID_RELOAD_MS) return null;
    this.lastForcedReload.set(projectId, now);
    return this.reload(projectId);
  }

  private async load(projectId: string): Promise<ProjectKeys> {
    const now = this.clock.now();
    const records = (await this.keys.listPublished(projectId)).filter(
      (k) => k.status === 'active' || (k.status === 'verify-only' && (k.retireAfter === null || k.retireAfter > now)),
    );
    const verifiers = new Map<string, VerifyKey>();
    const jwks: JWK[] = [];
    let active: ActiveKey | null = null;
    const keep = new Set<string>();
    for (const record of records) {
      const pubId = `${projectId}:${record.kid}:pub`;
      keep.add(pubId);
      verifiers.set(record.kid, { alg: record.alg, publicKey: await this.importPublic(pubId, record) });
      jwks.push(publicJwkOf(record));
      // listPublished is newest first: the first active key is the one that signs.
      if (record.status === 'active' && !active) {
        const privId = `${projectId}:${record.kid}:priv`;
        keep.add(privId);
        active = { kid: record.kid, alg: record.alg, privateKey: await this.importPrivate(privId, record) };
      }
    }
    for (const id of this.imported.keys()) {
      if (id.startsWith(`${projectId}:`) && !keep.has(id)) this.imported.delete(id);
    }
    const entry: ProjectKeys = { active, verifiers, jwks: { keys: jwks }, loadedAt: now };
    this.entries.set(projectId, entry);
    return entry;
  }

  private async importPublic(id: string, record: SigningKeyRecord): Promise<CryptoKey> {
    const cached = this.imported.get(id);
    if (cached) return cached;
    const key = (await importJWK(record.publicJwk, record.alg)) as CryptoKey;
    this.imported.set(id, key);
    return key;
  }

  private async importPrivate(id: string, record: SigningKeyRecord): Promise<CryptoKey> {
    const cached = this.imported.get(id);
    if (cached) return cached;
    const pem = openSecret(this.masterKey, record.privateKeyEnc, sealContext(record.projectId, record.kid)).toString(
      'utf8',
    );
    const key = await importPKCS8(pem, record.alg);
    this.imported.set(id, key);
    return key;
  }
}

/** Public members per key type: an allowlist, so a private member in a stored record can never be published. */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] };

/** The JWK as published: kty, its public members, kid, alg and use (never private members, never `oct`). */
function publicJwkOf(record: SigningKeyRecord): JWK {
  const kty = String(record.publicJwk.kty);
  const members = PUBLIC_MEMBERS[kty];
  if (!members) throw new Error(`signing key ${record.kid} has unsupported kty ${kty}`);
  const jwk: JWK = { kty, kid: record.kid, alg: record.alg, use: 'sig' };
  for (const m of members) jwk[m] = record.publicJwk[m];
  return jwk;
}
