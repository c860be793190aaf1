// runCli(argv, io): dispatches `notp <group> <command> …` to its file and turns any failure into one line + exit status.
import { CliError, type CliIo, describeFailure } from './context.js';
import { keysCommand, keysHelp } from './keys.js';
import { projectsCommand, projectsHelp } from './projects.js';
import { sessionsCommand, sessionsHelp } from './sessions.js';
import { usersCommand, usersHelp } from './users.js';

type Group = (io: CliIo, sub: string | undefined, args: string[]) => Promise<void>;

const GROUPS: Readonly<Record<string, { run: Group; help: string }>> = {
  projects: { run: projectsCommand, help: projectsHelp },
  keys: { run: keysCommand, help: keysHelp },
  users: { run: usersCommand, help: usersHelp },
  sessions: { run: sessionsCommand, help: sessionsHelp },
};

export const USAGE = `usage: notp [serve]                 run the server (the default)
       notp <command> [--json] [--help]

${Object.values(GROUPS)
  .map((g) => g.help)
  .join('\n')}

Commands read the server's environment (DATABASE_URL, NOTP_MASTER_KEY, REDIS_URL, …) and may run while servers
use the same database. --json prints the answer as JSON; a failure prints one line on stderr and exits 1 (2 for a
usage error). Without --project, commands act on NOTP_PROJECT_ID, else the development project, else the only one.
Docs: docs/cli.md`;

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

/** Runs one command (not `serve`); returns the process's exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, sub, ...rest] = argv;
  try {
    if (name === undefined || isHelp(name)) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const group = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
    if (!group) throw new CliError(`unknown command: ${name} (try: notp --help)`, 2);
    if (sub === undefined || isHelp(sub)) {
      io.stdout(`${group.help}\n`);
      return 0;
    }
    await group.run(io, sub, rest);
    return 0;
  } catch (err) {
    const { line, status } = describeFailure(err);
    io.stderr(`notp: ${line}\n`);
    return status;
  }
}
