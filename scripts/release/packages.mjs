// The published packages (in dependency order), their folders, and the pack step the release and tarball test share.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Every public package. `packDir` is the folder npm packs (the Angular package is packed from ng-packagr's output);
 * `attwProfile` is the are-the-types-wrong profile (esm-only: no CommonJS build, by design — see docs/releasing.md);
 * `attwIgnore` lists attw rules a package breaks on purpose (documented there too).
 */
export const PACKAGES = [
  { name: '@notp/core', dir: 'packages/core' },
  // `./umd` is the browser bundle (it sets the global Notp): an ES module in this ESM package, so attw reports that a
  // CommonJS program could only import() it. Deliberate: see docs/releasing.md.
  { name: '@notp/web-js-sdk', dir: 'packages/web-js-sdk', attwIgnore: ['cjs-resolves-to-esm'] },
  { name: '@notp/login-element', dir: 'packages/login-element' },
  { name: '@notp/node-sdk', dir: 'packages/node-sdk' },
  { name: '@notp/react-sdk', dir: 'packages/react-sdk' },
  { name: '@notp/vue-sdk', dir: 'packages/vue-sdk' },
  {
    name: '@notp/angular-sdk',
    dir: 'packages/angular-sdk',
    packDir: 'packages/angular-sdk/dist',
    attwProfile: 'esm-only',
  },
  { name: '@notp/nextjs-sdk', dir: 'packages/nextjs-sdk' },
  { name: '@notp/server', dir: 'packages/server', attwProfile: 'esm-only' },
].map((p) => ({ packDir: p.dir, attwProfile: 'strict', attwIgnore: [], ...p }));

/** Workspace folders that are not published but depend on published packages (their ranges move with a bump). */
export const PRIVATE_DEPENDENTS = ['apps/demo', 'e2e/apps/angular', 'e2e/apps/nextjs'];

export const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** Runs a command in the repository root (or `cwd`), failing loudly; returns stdout. */
export function run(cmd, args, { cwd = ROOT, quiet = false } = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'] });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  }
  return r.stdout;
}

/** `npm run build` for the whole workspace: every package's dist (and the Angular package's dist/ folder). */
export function buildAll() {
  run('npm', ['run', 'build', '--silent']);
}

/**
 * Packs every public package into `outDir` (no lifecycle scripts: the build ran before) and returns
 * `[{ name, version, tarball, files }]` in dependency order.
 */
export function packAll(outDir) {
  mkdirSync(outDir, { recursive: true });
  return PACKAGES.map((p) => {
    const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], {
      cwd: join(ROOT, p.packDir),
      quiet: true,
    });
    const [info] = JSON.parse(out);
    if (info.name !== p.name) throw new Error(`${p.packDir} packed ${info.name}, expected ${p.name}`);
    return {
      ...p,
      version: info.version,
      tarball: join(outDir, info.filename),
      files: info.files.map((f) => f.path),
    };
  });
}
