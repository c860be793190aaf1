// build: the console's static files in packages/server/dist/console — one hashed script and stylesheet and index.html;
// fails when the gzipped JavaScript is over budget (issue 16: ≤ 150 KB), and prints the measured size.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('../dist/console/');
/** Gzipped JavaScript the console may ship, bytes. */
export const JS_BUDGET_BYTES = 150 * 1024;

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: { app: here('./src/main.tsx') },
  outdir: `${out}assets`,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: true,
  metafile: true,
  loader: { '.svg': 'file', '.woff2': 'file' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs);
const pick = (ext) => outputs.filter((path) => path.endsWith(ext)).map((path) => basename(path));
const scripts = pick('.js');
const styles = pick('.css');
const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>notp console</title>
${styles.map((name) => `    <link rel="stylesheet" href="/console/assets/${name}" />`).join('\n')}
${scripts.map((name) => `    <script type="module" src="/console/assets/${name}"></script>`).join('\n')}
  </head>
  <body>
    <div id="app"></div>
    <noscript>The notp console needs JavaScript.</noscript>
  </body>
</html>
`;
await writeFile(`${out}index.html`, html);

let gzipped = 0;
for (const name of scripts) gzipped += gzipSync(await readFile(`${out}assets/${name}`), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
process.stdout.write(`console: ${kb(gzipped)} of JavaScript gzipped (budget ${kb(JS_BUDGET_BYTES)})\n`);
if (gzipped > JS_BUDGET_BYTES) {
  process.stderr.write(`console: over the JavaScript budget by ${kb(gzipped - JS_BUDGET_BYTES)}\n`);
  process.exit(1);
}
