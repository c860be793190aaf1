// Child-process entry of the peer benchmark: better-auth with its phone-number plugin on SQLite (better-sqlite3, the
// same driver and pragmas as notp's embedded default), behind a plain node:http server. OTPs go to the parent by IPC.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { phoneNumber } from 'better-auth/plugins/phone-number';

const dir = mkdtempSync(join(tmpdir(), 'notp-bench-peer-'));
const db = new Database(join(dir, 'peer.db'));
db.pragma('journal_mode = WAL'); // as notp's SqliteStore
db.pragma('synchronous = NORMAL');

const http = createServer();
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

const auth = betterAuth({
  database: db,
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
