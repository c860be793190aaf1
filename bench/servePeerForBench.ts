// Child-process entry of the peer benchmark: better-auth with its phone-number plugin on SQLite (the same driver and
// pragmas as notp's embedded default on this Node: better-sqlite3 below Node 24, node:sqlite from 24 on, where
// better-sqlite3 ≤ 12 aborts the process), behind a plain node:http server. OTPs go to the parent by IPC.
// With NOTP_BENCH_PEER_JWT=1 it also has its jwt plugin (defaults: EdDSA keys, private key sealed with the secret),
// so that a login can end, as notp's does, in a signed JWT (GET /api/auth/token).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BetterAuthOptions, betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins/jwt';
import { phoneNumber } from 'better-auth/plugins/phone-number';
import { resolveSqliteDriver } from '../packages/server/src/store/sqlite/sqliteDriver.js';

const dir = mkdtempSync(join(tmpdir(), 'notp-bench-peer-'));
const file = join(dir, 'peer.db');

/** The database better-auth gets, on the driver notp's `auto` picks here, with notp's pragmas (WAL, NORMAL). */
async function openPeerDatabase(): Promise<{ database: BetterAuthOptions['database']; close: () => void }> {
  if (resolveSqliteDriver('auto') === 'node') {
    // @types/node 20 (our floor) has no node:sqlite: load it as notp's NodeSqliteDatabase does, typed by hand.
    type DatabaseSync = { exec(sql: string): void; close(): void };
    const sqlite = process.getBuiltinModule?.('node:sqlite') as
      | { DatabaseSync: new (path: string) => DatabaseSync }
      | undefined;
    if (!sqlite) throw new Error(`node:sqlite is not available on Node ${process.version}`);
    const db = new sqlite.DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    return { database: db as unknown as BetterAuthOptions['database'], close: () => db.close() };
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return { database: db, close: () => db.close() };
}
const db = await openPeerDatabase();

const http = createServer();
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

const auth = betterAuth({
  database: db.database,
  baseURL: url,
  secret: randomBytes(32).toString('hex'),
  telemetry: { enabled: false },
  // Off, as notp's are in its bench servers: a benchmark is a flood from one address.
  rateLimit: { enabled: false },
  logger: { disabled: true },
  plugins: [
    phoneNumber({
      // The SMS/WhatsApp provider's place: hand the code to the bench, which "types" it into verify.
      sendOTP: ({ phoneNumber: phone, code }) => {
        process.send?.({ type: 'otp', phone, code });
      },
      signUpOnVerification: { getTempEmail: (phone) => `${phone.slice(1)}@bench.invalid` },
    }),
    ...(process.env.NOTP_BENCH_PEER_JWT === '1' ? [jwt()] : []),
  ],
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
http.on('request', toNodeHandler(auth));

process.on('message', (message: { type: string }) => {
  if (message.type !== 'close') return;
  http.closeAllConnections();
  http.close(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
process.send?.({ type: 'ready', url });
