// What every CLI command shares: its input/output, one-line errors, option parsing, the deps it opens and its project.
import { NotpError } from '@notp/core';
import { ConfigError, loadConfig, maskedConfig } from '../config/config.js';
import { closeDeps, createDeps } from '../createDeps.js';
import { loadOrCreateMasterKey } from '../crypto/masterKey.js';
import type { Deps } from '../deps.js';
import { createLogger } from '../observability/createLogger.js';
import type { ProjectRecord } from '../store/ports.js';

/** Where a command reads its environment and writes its answer (process streams, or a test's buffers). */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A failure the user caused or can fix: printed as one line, exit status `status` (2 = usage, 1 = anything else). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The one line printed for any failure (after `notp: `), and the exit status. */
export function describeFailure(err: unknown): { line: string; status: number } {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '; ').trim();
  if (err instanceof CliError) return { line: oneLine(err.message), status: err.status };
  if (err instanceof ConfigError) return { line: oneLine(err.message), status: 1 };
  if (err instanceof NotpError) return { line: `${oneLine(err.message)} (${err.code})`, status: 1 };
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    return { line: `${oneLine((err as Error).message)} (try --help)`, status: 2 };
  }
  return { line: oneLine(err instanceof Error ? err.message : String(err)), status: 1 };
}

/** Options every command takes (merged into each command's node:util parseArgs options; strict: unknown flags fail). */
export const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * Opens the deps the server uses (same environment, same store and event bus), runs `fn`, closes them. The CLI's own
 * log goes to standard error (warnings only unless NOTP_LOG_LEVEL says otherwise), so stdout carries just the answer.
 */
export async function withDeps<T>(io: CliIo, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  // Errors only, unless NOTP_LOG_LEVEL asks for more: a failure must stay one line.
  const logLevel = io.env.NOTP_LOG_LEVEL ? config.logLevel : 'error';
  const log = createLogger({ logLevel, logFormat: config.logFormat }, { stream: process.stderr, isTTY: false });
  let deps: Deps;
  try {
    // A master key generated now (first use of the embedded default) is worth a warning whatever the log level.
    const masterKey = loadOrCreateMasterKey(config, (m) => io.stderr(`notp: warning: ${m}\n`));
    deps = await createDeps(config, { log, masterKey });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const where = String(maskedConfig(config).databaseUrl);
    const why = err instanceof Error ? err.message : String(err);
    throw new CliError(
      `cannot open the database ${where} (DATABASE_URL${config.redisUrl ? ', REDIS_URL' : ''}): ${why}`,
    );
  }
  try {
    return await fn(deps);
  } finally {
    await closeDeps(deps);
  }
}

/**
 * The project a command acts on: `--project <id>`, else NOTP_PROJECT_ID, else the development project, else the
 * only project. Never creates one.
 */
export async function resolveProject(deps: Deps, flag: string | undefined): Promise<ProjectRecord> {
  const wanted = flag ?? deps.config.projectId;
  if (wanted) {
    const project = await deps.store.projects.get(wanted);
    if (!project) throw new CliError(`unknown project ${wanted} (see: notp projects list)`);
    return project;
  }
  // The first project (the oldest: the one the server created on its first start, see projects/bootstrapDevProject.ts).
  const [first] = await deps.store.projects.list();
  if (!first) throw new CliError('no project yet: start the server once, or run notp projects create --name <name>');
  return first;
}

/** Prints `value` as JSON (`--json`) or the human text. */
export function answer(io: CliIo, json: boolean | undefined, value: unknown, human: () => string): void {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Left-aligned columns for human output. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** An epoch-ms time as ISO 8601 (UTC), for human output. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
