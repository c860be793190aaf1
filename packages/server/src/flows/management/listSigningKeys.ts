// Management: the project's signing keys as the console lists them (the JWKS's keys, with their state).
import type { Deps } from '../../deps.js';

export interface SigningKeyView {
  kid: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  /** Epoch ms. */
  createdAt: number;
  /** 'active' signs new tokens; 'retiring' (rotated out) only verifies until `retiresAt`, then leaves the JWKS. */
  status: 'active' | 'retiring';
  /** Epoch ms when a retiring key leaves the JWKS (its last token expired); null for the active key. */
  retiresAt: number | null;
}

/** Every key still in the project's JWKS, newest first; retired keys are gone (they verify nothing any more). */
export async function listSigningKeys(
  deps: Pick<Deps, 'store'>,
  projectId: string,
): Promise<{ keys: SigningKeyView[] }> {
  const keys = await deps.store.keys.listPublished(projectId);
  return {
    keys: keys.map((k) => ({
      kid: k.kid,
      alg: k.alg,
      createdAt: k.createdAt,
      status: k.status === 'active' ? 'active' : 'retiring',
      retiresAt: k.status === 'active' ? null : k.retireAfter,
    })),
  };
}
