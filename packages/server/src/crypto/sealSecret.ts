// AES-256-GCM sealing of secrets at rest (private signing keys) with the master key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;

function checkKey(masterKey: Buffer): void {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
}

/**
 * Encrypts `plaintext` and returns base64 of `iv | tag | ciphertext`.
 * `context` is bound as associated data (e.g. the key id), so a sealed value copied onto another record fails to open.
 */
export function sealSecret(masterKey: Buffer, plaintext: string | Buffer, context = ''): string {
  checkKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts a value made by `sealSecret`; throws if the key, the context or the bytes are wrong. */
export function openSecret(masterKey: Buffer, sealed: string, context = ''): Buffer {
  checkKey(masterKey);
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is too short');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
