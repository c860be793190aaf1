// npm test: lint → typecheck → build → release checks → unit + integration + compat (vitest) → tarball test → browser end-to-end (Chromium).
// On CI (CI=true) a missing prerequisite (Chromium) fails the run; on a laptop it is reported loudly as not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const results = [];

function step(name, cmd, args, opts = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const ok = r.status === 0;
  results.push({ name, ok, secs: ((Date.now() - started) / 1000).toFixed(1) });
  if (!ok) {
    summary();
    process.exit(r.status ?? 1);
  }
}

function summary() {
  process.stdout.write('\nnpm test summary\n');
  for (const r of results) process.stdout.write(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.secs} s)\n`);
}

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

step('lint', 'npx', ['biome', 'check', '.']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (existsSync('e2e/tsconfig.json'))
  step('typecheck e2e and demo', 'npx', ['tsc', '-p', 'e2e/tsconfig.json', '--noEmit']);
step('typecheck console', 'npx', ['tsc', '-p', 'packages/server/console/tsconfig.json']);
step('build', 'npm', ['run', 'build', '--silent']);
// Every package packs with its README and LICENSE, and publint and are-the-types-wrong find nothing (issue 17).
step('release checks: pack, publint, are-the-types-wrong', 'node', ['scripts/release.mjs', '--dry-run', '--no-build']);
step('unit, integration and compat tests', 'npx', ['vitest', 'run']);

// Scale-out (issue 5): the integration and compat suites again on PostgreSQL + Redis, over a private throwaway
// cluster and redis-server that the run's global setup starts on loopback (packages/server/test/scale/).
const postgres = existsSync('/usr/lib/postgresql') || Boolean(process.env.NOTP_PG_BIN);
const redis = spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
if (postgres && redis) {
  step('integration and compat tests on PostgreSQL + Redis', 'npx', [
    'vitest',
    'run',
    '--config',
    'packages/server/test/scale/vitest.postgres.config.ts',
  ]);
} else if (ci) {
  process.stderr.write('✗ PostgreSQL or redis-server missing on CI: .ci/run must install both\n');
  process.exit(1);
} else {
  process.stdout.write('\n⚠ suites on PostgreSQL + Redis NOT RUN: apt-get install postgresql redis-server\n');
  results.push({ name: 'PostgreSQL + Redis suites (not run: not installed)', ok: true, secs: '0.0' });
}

// The packages as a stranger installs them (issue 17): pack, install the tarballs into a throwaway app folder outside
// the workspace, build Express / React / Vue / HTML / Next apps and log in through the simulator in Chromium.
if (chromium) {
  step('tarball test: packed packages in fresh apps', 'node', ['scripts/tarball-test.mjs'], {
    env: { NOTP_CHROMIUM: chromium },
  });
} else if (ci) {
  process.stderr.write('✗ Chromium is missing on CI: the tarball test needs it (apt-get install chromium)\n');
  process.exit(1);
} else {
  process.stdout.write('\n⚠ tarball test NOT RUN: install Chromium (apt-get install chromium)\n');
  results.push({ name: 'tarball test (not run: no Chromium)', ok: true, secs: '0.0' });
}

if (existsSync('e2e/vitest.config.ts')) {
  if (chromium) {
    step('browser end-to-end tests', 'npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts'], {
      env: { NOTP_CHROMIUM: chromium },
    });
  } else if (ci) {
    process.stderr.write('✗ Chromium is missing on CI: .ci/run must install it (apt-get install chromium)\n');
    process.exit(1);
  } else {
    process.stdout.write('\n⚠ browser end-to-end tests NOT RUN: install Chromium (apt-get install chromium)\n');
    results.push({ name: 'browser end-to-end tests (not run: no Chromium)', ok: true, secs: '0.0' });
  }
}
summary();
