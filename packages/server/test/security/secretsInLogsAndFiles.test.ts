// Secrets in logs and files (issue 13, item 7): request logs mask secret query values (Meta's verify token, the
// simulator chat's message code); the SQLite data directory is 0700 and the database, WAL, SHM and key files 0600.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, MASTER_KEY_FILE } from '../../src/crypto/masterKey.js';
import { createLogger } from '../../src/deps.js';
import { SqliteStore } from '../../src/store/sqlite/SqliteStore.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { call } from './securityKit.js';

const VERIFY_TOKEN = 'verify-token-that-must-not-be-logged';

describe('request logs never carry a secret query value', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    server = await startTestServer(
      { NOTP_CLOUD_API_VERIFY_TOKEN: VERIFY_TOKEN },
      { log: createLogger({ logLevel: 'info', logFormat: 'json' }, { stream: sink }) },
    );
  });
  afterAll(() => server.close());

  it("Meta's handshake: hub.verify_token is masked, the request still logged", async () => {
    const url = `${routes.webhooks.whatsapp}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`;
    const res = await fetch(`${server.url}${url}`);
    expect(await res.text()).toBe('42');
    const log = lines.join('');
    expect(log).not.toContain(VERIFY_TOKEN);
    expect(log).toContain('hub.verify_token=[redacted]');
    expect(log).toContain('hub.mode=subscribe');
  });

  it('the simulator chat URL: the message text (with its code) is masked', async () => {
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '' } });
    const redirect = new URL(String(started.body['redirectUrl']));
    const text = redirect.searchParams.get('text') ?? '';
    const code = /[0-9A-Z]{4}(?:-?[0-9A-Z]{4}){3}/.exec(text)?.[0];
    expect(code).toBeTruthy();
    expect((await fetch(redirect)).status).toBe(200);
    const log = lines.join('');
    expect(log).toContain(`${routes.simulator.chat}?`);
    expect(log).toContain('text=[redacted]');
    expect(log).not.toContain(encodeURIComponent(text));
    expect(log).not.toContain(code as string);
  });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('SQLite and key files are private to the server user', () => {
  const root = mkdtempSync(join(tmpdir(), 'notp-modes-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a new data directory is 0700; the database, WAL and SHM files 0600', async () => {
    const dir = join(root, 'fresh', 'data');
    const file = join(dir, 'notp.db');
    const store = SqliteStore.open(file);
    await store.webhookMessages.record('cloud-api:wamid.mode-probe', Date.now()); // a write: WAL and SHM exist
    expect(modeOf(join(root, 'fresh'))).toBe(0o700);
    expect(modeOf(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    await store.close();
  });

  it('an existing world-readable database (and its WAL) is tightened to 0600 at open', async () => {
    const dir = join(root, 'old');
    const file = join(dir, 'notp.db');
    const first = SqliteStore.open(file);
    await first.webhookMessages.record('cloud-api:wamid.mode-probe', Date.now());
    await first.close();
    writeFileSync(`${file}-wal`, ''); // as an older notp left it: 0644 files
    for (const f of [file, `${file}-wal`]) chmodSync(f, 0o644);
    const again = SqliteStore.open(file);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    await again.close();
  });

  it('the generated master key: directory 0700, file 0600', () => {
    const dataDir = join(root, 'keys', 'data');
    loadOrCreateMasterKey({ masterKeyHex: undefined, dataDir }, () => {});
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, MASTER_KEY_FILE))).toBe(0o600);
  });
});
