// PrivatePostgres: a throwaway PostgreSQL cluster for tests and benchmarks (initdb in a temp dir, loopback, free port).
// Tests start their own server so CI and laptops behave the same and no shared database is ever touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian (and Ubuntu) install the server binaries, one folder per major version. */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL bin directory (`NOTP_PG_BIN` overrides), or null when there is none. */
export function postgresBinDir(): string | null {
  const override = process.env.NOTP_PG_BIN;
  if (override) return existsSync(join(override, 'initdb')) ? override : null;
  if (!existsSync(DEBIAN_PG_ROOT)) return null;
  const versions = readdirSync(DEBIAN_PG_ROOT)
    .filter((v) => existsSync(join(DEBIAN_PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(DEBIAN_PG_ROOT, versions[0], 'bin') : null;
}

/**
 * Why PostgreSQL tests cannot run here, or null when they can. On CI a missing server is a failure, not a skip:
 * the caller throws this text; on a laptop the suite is skipped with it as the reason.
 */
export function postgresUnavailableReason(): string | null {
  if (postgresBinDir()) return null;
  return 'PostgreSQL is not installed (apt-get install postgresql, or set NOTP_PG_BIN to its bin directory)';
}

/** Registers a loud skip reason, or throws on CI; returns true when the PostgreSQL suites may run. */
export function postgresTestsEnabled(): boolean {
  const reason = postgresUnavailableReason();
  if (reason === null) return true;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`PostgreSQL tests cannot run on CI: ${reason}`);
  process.stderr.write(`\n⚠ PostgreSQL tests SKIPPED: ${reason}\n`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root we run its binaries as the `postgres` system user. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root but there is no postgres user to run PostgreSQL as');
  return { user: 'postgres', uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class PrivatePostgres {
  private dbCount = 0;
  private admin: pg.Pool;

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly as: { user: string } | null,
  ) {
    this.admin = new pg.Pool({ connectionString: this.urlFor('postgres'), max: 2 });
  }

  /**
   * initdb + start on 127.0.0.1:<free port> with trust auth (loopback only, throwaway data).
   * fsync is off: this cluster never outlives the machine, and a killed *notp* process (the crash tests) loses
   * nothing either way, because PostgreSQL itself keeps running.
   */
  static async start(): Promise<PrivatePostgres> {
    const bin = postgresBinDir();
    if (!bin) throw new Error(postgresUnavailableReason() ?? 'PostgreSQL is not installed');
    const as = runAs();
    const dir = mkdtempSync(join(tmpdir(), 'notp-pg-'));
    if (as) {
      chownSync(dir, as.uid, as.gid);
      chmodSync(dir, 0o700);
    }
    const port = await freePort();
    const run = (cmd: string, args: string[]) => {
      const [file, argv] = as ? ['runuser', ['-u', as.user, '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
      execFileSync(file as string, argv as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
    };
    const data = join(dir, 'data');
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'notp', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    return new PrivatePostgres(bin, dir, port, as);
  }

  /** Connection URL of database `name` on this cluster. */
  urlFor(name: string): string {
    return `postgres://notp@127.0.0.1:${this.port}/${name}`;
  }

  /** Creates a fresh, empty database and returns its URL. */
  async createDatabase(prefix = 'notp'): Promise<string> {
    const name = `${prefix}_${++this.dbCount}_${randomBytes(3).toString('hex')}`;
    await this.admin.query(`CREATE DATABASE ${name}`);
    return this.urlFor(name);
  }

  /** Stops the cluster at once (no checkpoint: the data is thrown away) and deletes its directory. */
  async stop(): Promise<void> {
    await this.admin.end();
    const data = join(this.dir, 'data');
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    const [file, argv] = this.as
      ? ['runuser', ['-u', this.as.user, '--', join(this.bin, 'pg_ctl'), ...args]]
      : [join(this.bin, 'pg_ctl'), args];
    spawnSync(file as string, argv as string[], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
