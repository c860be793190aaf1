// The master key that seals private signing keys: NOTP_MASTER_KEY, or generated once into the data dir (dev only).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';

export const MASTER_KEY_FILE = 'master.key';

const HEX64 = /^[0-9a-fA-F]{64}$/;

function defaultWarn(message: string): void {
  process.stderr.write(`\n!!! ${message}\n\n`);
}

/**
 * NOTP_MASTER_KEY (64 hex characters) if set; else `<dataDir>/master.key`, created with mode 0600 on first start.
 * A generated key is a development convenience: losing the file makes every stored signing key unreadable,
 * so production sets NOTP_MASTER_KEY (config requires it with PostgreSQL).
 */
export function loadOrCreateMasterKey(
  config: Pick<Config, 'masterKeyHex' | 'dataDir'>,
  warn: (message: string) => void = defaultWarn,
): Buffer {
  if (config.masterKeyHex) return Buffer.from(config.masterKeyHex, 'hex');

  const file = join(config.dataDir, MASTER_KEY_FILE);
  try {
    return parseKeyFile(file, readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }

  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 }); // new directories only: private to the server's user
  const key = randomBytes(32);
  try {
    // 'wx': if another process created the file meanwhile, use theirs instead of overwriting it.
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKeyFile(file, readFileSync(file, 'utf8'));
    throw e;
  }
  warn(
    `NOTP_MASTER_KEY is not set: generated a master key into ${file} (development only). ` +
      'It encrypts the signing keys; back it up or set NOTP_MASTER_KEY in production.',
  );
  return key;
}

function parseKeyFile(file: string, text: string): Buffer {
  const hex = text.trim();
  if (!HEX64.test(hex)) throw new Error(`${file} does not hold a 64-hex-character master key`);
  // Tighten permissions if someone loosened them; the key guards every signing key.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return Buffer.from(hex, 'hex');
}
