// `npm run bench -- <name> [args]` runs bench/<name>.ts; `npm run bench` alone runs every benchmark but `scale`
// (it needs a PostgreSQL cluster and Redis), each in a fresh process so no run warms or pollutes the next.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['start', 'complete', 'login', 'validate', 'peer', 'waiting'];
const [name, ...args] = process.argv.slice(2);

function run(bench: string, benchArgs: string[]): void {
  if (!/^[a-z][a-zA-Z-]*$/.test(bench)) throw new Error(`bad benchmark name: ${bench}`);
  const file = fileURLToPath(new URL(`./${bench}.ts`, import.meta.url));
  if (!existsSync(file)) throw new Error(`no benchmark bench/${bench}.ts (have: ${ALL.join(', ')}, scale)`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...benchArgs], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`bench ${bench} failed (exit ${result.status ?? result.signal})`);
}

if (name) run(name, args);
else for (const bench of ALL) run(bench, []);
