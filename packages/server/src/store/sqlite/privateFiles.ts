// privateFiles: the SQLite database lives in a 0700 directory as 0600 files (database, WAL, SHM), created or tightened.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files SQLite keeps beside a database in WAL mode (and the rollback journal of other modes). */
export const SQLITE_SIDE_FILES: readonly string[] = Object.freeze(['-wal', '-shm', '-journal']);

/** Sets `file` to 0600 if its group or others have any access; a missing file is fine. True if it changed. */
export function tightenFile(file: string): boolean {
  try {
    if ((statSync(file).mode & 0o077) === 0) return false;
    chmodSync(file, PRIVATE_FILE_MODE);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Before SQLite opens `path`: directories it needs are created 0700 (existing ones are left alone: the path may be
 * under a shared directory such as /tmp), the database file is created 0600 if missing — SQLite then gives its WAL
 * and SHM files the database file's mode — and an existing database or side file that others can read is tightened
 * to 0600. Returns the files it tightened (main logs them).
 */
export function prepareDatabaseFile(path: string): string[] {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE)); // 'a': creates, never truncates
  return [path, ...SQLITE_SIDE_FILES.map((suffix) => path + suffix)].filter(tightenFile);
}
