// build: the demo's dist/ — the static pages copied as they are, and the React page bundled (no CDN at runtime).
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const dist = here('./dist/');

await rm(dist, { recursive: true, force: true });
await cp(here('./public/'), dist, { recursive: true });
await build({
  entryPoints: [here('./src/main.tsx')],
  outfile: here('./dist/react/react.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
