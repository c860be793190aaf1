// The `notp` command's entry: no arguments (or `serve`) runs the server; anything else is a CLI command (cli/run.ts).
import { runCli } from './cli/run.js';
import { serve } from './cli/serve.js';
import { ConfigError } from './config/config.js';

async function main(argv: string[]): Promise<void> {
  if (argv.length === 0 || (argv[0] === 'serve' && argv.length === 1)) return serve();
  const io = {
    env: process.env,
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  };
  // exitCode, not exit(): stdout is a pipe under `$(notp … --json)` and must drain first.
  process.exitCode = await runCli(argv, io);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`notp: ${err.message}\n`);
  } else {
    process.stderr.write(`notp: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
