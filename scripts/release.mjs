// npm run release [-- --dry-run] [--version x.y.z] [--no-build] [--out dir] [--tag t]: bump, build, pack, check, publish.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkMetadata, checkTarball } from './release/checks.mjs';
import { buildAll, PACKAGES, PRIVATE_DEPENDENTS, packAll, ROOT, readJson, run } from './release/packages.mjs';

const { values: opts } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    version: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    tag: { type: 'string', default: 'latest' },
  },
});

const say = (m) => process.stdout.write(`${m}\n`);
const fail = (lines) => {
  for (const l of lines) process.stderr.write(`✗ ${l}\n`);
  process.exit(1);
};

/** One version for every public package; internal dependency ranges (here and in private dependents) follow it. */
function bump(version) {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) fail([`--version ${version}: not x.y.z[-pre]`]);
  const names = new Set(PACKAGES.map((p) => p.name));
  for (const dir of [...PACKAGES.map((p) => p.dir), ...PRIVATE_DEPENDENTS]) {
    const pkg = readJson(`${dir}/package.json`);
    if (names.has(pkg.name)) pkg.version = version;
    for (const f of ['dependencies', 'peerDependencies', 'devDependencies', 'optionalDependencies']) {
      for (const dep of Object.keys(pkg[f] ?? {})) if (names.has(dep)) pkg[f][dep] = version;
    }
    writeFileSync(join(ROOT, dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  }
  // The lockfile records workspace versions and ranges: refresh it without touching node_modules.
  run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund']);
  say(`• version ${version} written to ${PACKAGES.length} packages, their internal ranges and package-lock.json`);
}

if (opts.version) bump(opts.version);

const metadata = checkMetadata();
if (metadata.length > 0) fail(metadata);
say(
  `• metadata: ${PACKAGES.length} packages at ${readJson(`${PACKAGES[0].dir}/package.json`).version}, links and licence in place`,
);

if (!opts['no-build']) {
  say('• building every package (npm run build)');
  buildAll();
}

const outDir = resolve(opts.out ?? mkdtempSync(join(tmpdir(), 'notp-release-')));
const packed = packAll(outDir);
say(`• packed ${packed.length} tarballs into ${outDir}`);

const version = readJson(`${PACKAGES[0].dir}/package.json`).version;
const problems = [];
for (const p of packed) {
  // A built output (the Angular package's dist/) carries the version of its last build.
  if (p.version !== version) problems.push(`${p.name}: packed at ${p.version}, expected ${version}: build it again`);
  const found = await checkTarball(p);
  say(
    `  ${found.length === 0 ? 'ok  ' : 'FAIL'} ${p.name}@${p.version} (${p.files.length} files; publint, attw --profile ${p.attwProfile})`,
  );
  problems.push(...found);
}
if (problems.length > 0) fail(problems);

if (opts['dry-run']) {
  say(`• dry run: nothing published. The tarballs are in ${outDir}`);
} else {
  // Dependency order: a package is published after everything it depends on.
  for (const p of packed) {
    run('npm', ['publish', p.tarball, '--access', 'public', '--tag', opts.tag]);
    say(`  published ${p.name}@${p.version}`);
  }
}
