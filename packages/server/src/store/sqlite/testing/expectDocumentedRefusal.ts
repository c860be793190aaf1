// Test support: a SQLite driver this Node cannot run must be refused for the documented reason, never silently.
import { expect } from 'vitest';
import type { SqliteDriverName } from '../sqliteDatabase.js';

/**
 * The documented boundaries: `node:sqlite` needs Node ≥ 22.16; better-sqlite3 12 aborts the process on
 * Node ≥ 24.19. A refusal outside them (e.g. better-sqlite3 failing to load on Node 20) is a real failure.
 */
export function expectDocumentedRefusal(driver: SqliteDriverName, version = process.versions.node): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (driver === 'node') expect(major < 22 || (major === 22 && minor < 16)).toBe(true);
  else expect(major > 24 || (major === 24 && minor >= 19)).toBe(true);
}
