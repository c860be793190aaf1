import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, MASTER_KEY_FILE } from './masterKey.js';

describe('loadOrCreateMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'notp-mk-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('uses NOTP_MASTER_KEY when set and writes nothing', () => {
    const dataDir = tempDir();
    const hex = 'ab'.repeat(32);
    const key = loadOrCreateMasterKey({ masterKeyHex: hex, dataDir }, () => {
      throw new Error('must not warn');
    });
    expect(key.toString('hex')).toBe(hex);
    expect(() => statSync(join(dataDir, MASTER_KEY_FILE))).toThrow();
  });

  it('generates a 0600 key file once, warns once, and reads it back after that', () => {
    const dataDir = join(tempDir(), 'nested');
    const warnings: string[] = [];
    const first = loadOrCreateMasterKey({ masterKeyHex: undefined, dataDir }, (m) => warnings.push(m));
    const second = loadOrCreateMasterKey({ masterKeyHex: undefined, dataDir }, (m) => warnings.push(m));
    expect(first.length).toBe(32);
    expect(second.equals(first)).toBe(true);
    expect(warnings).toHaveLength(1);
    const file = join(dataDir, MASTER_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
  });

  it('refuses a corrupt key file instead of silently replacing it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, MASTER_KEY_FILE), 'not a key\n');
    expect(() => loadOrCreateMasterKey({ masterKeyHex: undefined, dataDir })).toThrow(/64-hex/);
  });
});
