// `npm run bench -- <name> [args]` runs bench/<name>.ts; `npm run bench` alone runs every benchmark but those that
// need a PostgreSQL cluster and Redis (`npm run bench -- all` adds them), each in a fresh process so no run warms or
// pollutes the next.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['start', 'complete', 'login', 'validate', 'peer', 'waiting'];
const WITH_POSTGRES_AND_REDIS = ['wake', 'perLogin', 'scale'];
const [name, ...args] = process.argv.slice(2);

function run(bench: string, benchArgs: string[]): void {
  if (!/^[a-z][a-zA-Z-]*$/.test(bench)) throw new Error(`bad benchmark name: ${bench}`);
  const file = fileURLToPath(new URL(`./${bench}.ts`, import.meta.url));
  if (!existsSync(file))
    throw new Error(`no benchmark bench/${bench}.ts (have: ${[...ALL, ...WITH_POSTGRES_AND_REDIS].join(', ')})`);
  // --expose-gc: a bench may collect its own (the client's) garbage between measured rounds, never the server's.
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...benchArgs], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`bench ${bench} failed (exit ${result.status ?? result.signal})`);
}

if (name === 'all') for (const bench of [...ALL, ...WITH_POSTGRES_AND_REDIS]) run(bench, []);
else if (name) run(name, args);
else for (const bench of ALL) run(bench, []);
