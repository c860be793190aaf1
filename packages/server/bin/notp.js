#!/usr/bin/env node
// The `notp` command's entry: a committed file (npm links a bin only if its target exists at install time, and
// dist/ is built later, by `prepare`), which runs the built server CLI in dist/main.js.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('notp: @notp/server is not built: run `npm run build -w @notp/server` (or `npm install`)\n');
  process.exit(1);
}
await import(main.href);
