// SQLite across processes: three processes race on one database file; each consume, verify and rotate is won once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore.js';
import { SQLITE_DRIVERS, type SqliteDriverName } from './sqliteDatabase.js';
import { sqliteDriverAvailability } from './sqliteDriver.js';

const dir = mkdtempSync(join(tmpdir(), 'notp-sqlite-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
const newDbPath = (): string => join(dir, `db-${++fileCount}`, 'notp.db');

// The drivers SqliteStore.test.ts runs (it also reports the ones this Node cannot load, with the documented reason).
const forced = process.env.NOTP_SQLITE_TEST_DRIVERS?.split(',').filter((d): d is SqliteDriverName =>
  SQLITE_DRIVERS.includes(d as SqliteDriverName),
);

for (const driver of SQLITE_DRIVERS) {
  if (forced && !forced.includes(driver)) continue;
  if (!forced && !sqliteDriverAvailability(driver).available) continue;
  describe(`SqliteStore on ${driver} across processes`, () => {
    it('three processes racing on one file: each consume, verify and rotate is won exactly once', async () => {
      const path = newDbPath();
      const T0 = Date.UTC(2025, 5, 2, 9, 30);
      const n = 40;
      const setup = SqliteStore.open(path, { driver });
      const hash = (s: string) => createHash('sha256').update(s).digest('hex');
      const targets = { consume: [] as string[], verify: [] as string[], rotate: [] as string[] };
      for (let i = 0; i < n; i++) {
        for (const status of ['verified', 'pending'] as const) {
          const id = `pa_${status}_${i}`;
          await setup.pendingAuths.create({
            id,
            projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
            refHash: hash(`ref ${id}`),
            codeHash: hash(`code ${id}`),
            kind: 'signin',
            request: { loginId: '+16505551234', loginIdKind: 'phone' },
            expectedPhone: '+16505551234',
            userId: null,
            parentSessionId: null,
            status,
            failureCode: null,
            senderPhone: null,
            senderWaId: null,
            senderBsuid: null,
            resultUserId: null,
            firstSeen: false,
            confirmNonceHash: null,
            createdAt: T0,
            expiresAt: T0 + 600_000,
            verifiedAt: status === 'verified' ? T0 : null,
            consumedAt: null,
          });
          if (status === 'verified') targets.consume.push(hash(`ref ${id}`));
          else targets.verify.push(id);
        }
        const sessionId = `jti_${i}`;
        await setup.sessions.create({
          id: sessionId,
          projectId: 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6',
          userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
          familyId: sessionId,
          amr: ['whatsapp'],
          tenantId: null,
          customClaims: {},
          customClaimsTrusted: false,
          createdAt: T0,
          expiresAt: T0 + 86_400_000,
          revokedAt: null,
          rotatedAt: null,
        });
        targets.rotate.push(sessionId);
      }
      await setup.close();

      const racers = [0, 1, 2].map(() => startRacer(path, targets, driver));
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.go();
      const results = await Promise.all(racers.map((r) => r.result));

      for (const kind of ['consume', 'verify', 'rotate'] as const) {
        const wins = results.flatMap((r) => r[kind]);
        expect(wins.sort()).toEqual([...targets[kind]].sort()); // every target won once, none twice
      }
      const check = SqliteStore.open(path, { driver });
      try {
        const inserted = check.db.prepare("SELECT count(*) AS n FROM refresh_sessions WHERE id LIKE '%-next-%'").get();
        expect(inserted).toEqual({ n }); // a losing rotate wrote nothing
      } finally {
        await check.close();
      }
    }, 60_000);
  });
}

/** Runs one racer process; resolves with what it won. It starts when `go` resolves, after printing "ready". */
function startRacer(
  dbPath: string,
  targets: { consume: string[]; verify: string[]; rotate: string[] },
  driver: SqliteDriverName,
): { ready: Promise<void>; go(): void; result: Promise<{ consume: string[]; verify: string[]; rotate: string[] }> } {
  const script = fileURLToPath(new URL('./crossProcessRacer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath, JSON.stringify(targets), driver], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const result = new Promise<{ consume: string[]; verify: string[]; rotate: string[] }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`racer exited with ${code}: ${out}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)));
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}
