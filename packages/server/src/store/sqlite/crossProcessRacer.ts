// Test fixture run as a child process: races other processes on one SQLite file and prints what it won.
// Usage: node --import tsx crossProcessRacer.ts <dbPath> <json {consume: refHashes, verify: pendingIds, rotate: sessionIds}>
//        <driver: node | better-sqlite3>
// Prints "ready" once the store is open, starts on a line "go" on stdin, then prints the JSON of what it won.
import { once } from 'node:events';
import { SqliteStore } from './SqliteStore.js';
import type { SqliteDriverName } from './sqliteDatabase.js';

const [dbPath, targetsJson, driver] = process.argv.slice(2);
if (!dbPath || !targetsJson || (driver !== 'node' && driver !== 'better-sqlite3')) {
  throw new Error('usage: <dbPath> <targets json> <node | better-sqlite3>');
}
const targets = JSON.parse(targetsJson) as { consume: string[]; verify: string[]; rotate: string[] };
const now = Date.UTC(2025, 5, 2, 9, 31);

const store = SqliteStore.open(dbPath, { driver: driver satisfies SqliteDriverName });
process.stdout.write('ready\n');
await once(process.stdin, 'data'); // the parent's "go": every racer starts at once

const won = { consume: [] as string[], verify: [] as string[], rotate: [] as string[] };
for (let i = 0; i < targets.consume.length; i++) {
  const refHash = targets.consume[i]!;
  if (await store.pendingAuths.consume(refHash, now)) won.consume.push(refHash);
  const pendingId = targets.verify[i]!;
  const verified = await store.pendingAuths.verify({
    pendingId,
    messageKey: `cloud-api:wamid.${pendingId}.${process.pid}`,
    senderPhone: '+16505551234',
    senderWaId: '16505551234',
    senderBsuid: null,
    status: 'verified',
    now,
  });
  if (verified === 'ok') won.verify.push(pendingId);
  const sessionId = targets.rotate[i]!;
  const next = {
    id: `${sessionId}-next-${process.pid}`,
    projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
    userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
    familyId: sessionId,
    amr: ['whatsapp'],
    tenantId: null,
    customClaims: {},
    customClaimsTrusted: false,
    createdAt: now,
    expiresAt: now + 86_400_000,
    revokedAt: null,
    rotatedAt: null,
  };
  if (await store.sessions.rotate(sessionId, next, now)) won.rotate.push(sessionId);
}
await store.close();
process.stdout.write(`${JSON.stringify(won)}\n`);
process.stdin.destroy();
