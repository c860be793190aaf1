// Conformance suite of the ConsoleSessionStore port (consolePorts.ts) and the audit actor column: every adapter runs it.
import { describe, expect, it } from 'vitest';
import type { ConsoleSessionRecord } from './consolePorts.js';
import { freshStores, OTHER_PROJECT, PROJECT, type PortConformanceOptions, T0 } from './conformance/fixtures.js';

export type ConsoleConformanceOptions = PortConformanceOptions;

const P = PROJECT;
const OTHER = OTHER_PROJECT;
const HOUR = 3_600_000;

const session = (id: string, over: Partial<ConsoleSessionRecord> = {}): ConsoleSessionRecord => ({
  id,
  tokenHash: `${id.padEnd(8, '0')}`.repeat(8).slice(0, 64),
  projectId: P,
  userId: 'U1',
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: T0 + 12 * HOUR,
  ...over,
});

export function runConsoleConformance(options: ConsoleConformanceOptions): void {
  describe(`ConsoleSessionStore conformance: ${options.name}`, () => {
    const make = freshStores(options.make);

    it('creates and finds a session by its token hash only; a null user is the management key', async () => {
      const { consoleSessions } = await make();
      const a = session('a');
      const k = session('k', { userId: null, tokenHash: 'f'.repeat(64) });
      await consoleSessions.create(a);
      await consoleSessions.create(k);
      expect(await consoleSessions.findByTokenHash(a.tokenHash)).toEqual(a);
      expect(await consoleSessions.findByTokenHash(k.tokenHash)).toEqual(k);
      expect(await consoleSessions.findByTokenHash('e'.repeat(64))).toBeNull();
    });

    it('refuses a second session with the same token hash (the token is the identity)', async () => {
      const { consoleSessions } = await make();
      await consoleSessions.create(session('a'));
      await expect(consoleSessions.create(session('b', { tokenHash: session('a').tokenHash }))).rejects.toThrow();
      expect((await consoleSessions.findByTokenHash(session('a').tokenHash))?.id).toBe('a');
    });

    it('touch moves lastSeenAt forward only and reports whether the session exists', async () => {
      const { consoleSessions } = await make();
      const a = session('a');
      await consoleSessions.create(a);
      expect(await consoleSessions.touch('a', T0 + 60_000)).toBe(true);
      expect((await consoleSessions.findByTokenHash(a.tokenHash))?.lastSeenAt).toBe(T0 + 60_000);
      expect(await consoleSessions.touch('a', T0 + 1)).toBe(true);
      expect((await consoleSessions.findByTokenHash(a.tokenHash))?.lastSeenAt).toBe(T0 + 60_000);
      expect(await consoleSessions.touch('missing', T0)).toBe(false);
    });

    it('delete removes one session; deleteForUser removes that user’s sessions in that project only', async () => {
      const { consoleSessions } = await make();
      await consoleSessions.create(session('a'));
      await consoleSessions.create(session('b'));
      await consoleSessions.create(session('c', { projectId: OTHER }));
      await consoleSessions.create(session('d', { userId: 'U2' }));
      await consoleSessions.create(session('k', { userId: null }));
      expect(await consoleSessions.delete('a')).toBe(true);
      expect(await consoleSessions.delete('a')).toBe(false);
      expect(await consoleSessions.findByTokenHash(session('a').tokenHash)).toBeNull();
      expect(await consoleSessions.deleteForUser(P, 'U1')).toBe(1);
      for (const id of ['c', 'd', 'k']) {
        expect((await consoleSessions.findByTokenHash(session(id).tokenHash))?.id).toBe(id);
      }
    });

    it('deleteExpired removes sessions past their absolute end or idle since the cutoff, nothing else', async () => {
      const { consoleSessions } = await make();
      await consoleSessions.create(session('live', { lastSeenAt: T0 + HOUR }));
      await consoleSessions.create(session('ended', { lastSeenAt: T0 + HOUR, expiresAt: T0 + 2 * HOUR }));
      await consoleSessions.create(session('idle', { lastSeenAt: T0 }));
      expect(await consoleSessions.deleteExpired(T0 + 2 * HOUR, T0 + 1)).toBe(2);
      expect((await consoleSessions.findByTokenHash(session('live').tokenHash))?.id).toBe('live');
      expect(await consoleSessions.findByTokenHash(session('ended').tokenHash)).toBeNull();
      expect(await consoleSessions.findByTokenHash(session('idle').tokenHash)).toBeNull();
      expect(await consoleSessions.deleteExpired(T0 + 2 * HOUR, T0 + 1)).toBe(0);
    });

    it('audit events keep the acting console admin (null when absent)', async () => {
      const { audit } = await make();
      const base = { projectId: P, at: T0, userId: 'U9', ip: '', userAgent: '', reason: null, detail: 'x' };
      await audit.append({ ...base, type: 'management', actorUserId: 'U1' });
      await audit.append({ ...base, type: 'management' });
      await audit.append({ ...base, type: 'console-login', actorUserId: null });
      const rows = await audit.query(P, {});
      expect(rows.map((r) => [r.type, r.actorUserId])).toEqual([
        ['management', 'U1'],
        ['management', null],
        ['console-login', null],
      ]);
      expect((await audit.query(P, { type: 'console-login' })).length).toBe(1);
    });
  });
}
