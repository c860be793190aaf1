// Release checks: metadata and versions before packing; publint and are-the-types-wrong on each packed tarball.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { PACKAGES, PRIVATE_DEPENDENTS, ROOT, readJson } from './packages.mjs';

const internal = new Set(PACKAGES.map((p) => p.name));
const depFields = ['dependencies', 'peerDependencies', 'devDependencies', 'optionalDependencies'];

/** Problems with the packages' own metadata: one version for all, exact internal ranges, licence, links. */
export function checkMetadata() {
  const problems = [];
  const root = readJson('package.json');
  const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  const version = readJson(`${PACKAGES[0].dir}/package.json`).version;
  for (const p of PACKAGES) {
    const pkg = readJson(`${p.dir}/package.json`);
    const say = (m) => problems.push(`${p.name}: ${m}`);
    if (pkg.version !== version) say(`version ${pkg.version}, the others are ${version} (versions move together)`);
    if (pkg.private) say('is private');
    if (pkg.license !== root.license) say(`license ${pkg.license}, expected ${root.license}`);
    if (pkg.repository?.url !== root.repository.url) say(`repository.url is not ${root.repository.url}`);
    if (pkg.repository?.directory !== p.dir) say(`repository.directory is not ${p.dir}`);
    if (!pkg.homepage || !pkg.bugs?.url || !(pkg.keywords?.length > 0))
      say('homepage, bugs.url and keywords are required');
    if (pkg.publishConfig?.access !== 'public') say('publishConfig.access must be "public" (scoped package)');
    if (pkg.files && !['README.md', 'LICENSE'].every((f) => pkg.files.includes(f)))
      say('files must list README.md and LICENSE');
    if (!existsSync(join(ROOT, p.dir, 'README.md'))) say('has no README.md');
    const own = join(ROOT, p.dir, 'LICENSE');
    if (!existsSync(own) || readFileSync(own, 'utf8') !== licence) say('LICENSE missing or not the root LICENSE');
    for (const f of depFields) {
      for (const [dep, range] of Object.entries(pkg[f] ?? {})) {
        if (internal.has(dep) && range !== version) say(`${f}.${dep} is "${range}", expected "${version}"`);
      }
    }
  }
  for (const dir of PRIVATE_DEPENDENTS) {
    const pkg = readJson(`${dir}/package.json`);
    for (const f of depFields) {
      for (const [dep, range] of Object.entries(pkg[f] ?? {})) {
        if (internal.has(dep) && range !== version)
          problems.push(`${dir}: ${f}.${dep} is "${range}", expected "${version}"`);
      }
    }
  }
  return problems;
}

/** Problems found in one packed tarball: required files, then publint (strict: warnings fail), then attw. */
export async function checkTarball(packed) {
  const problems = [];
  for (const f of ['package.json', 'README.md', 'LICENSE']) {
    if (!packed.files.includes(f)) problems.push(`${packed.name}: the tarball has no ${f}`);
  }
  const tarball = new Uint8Array(readFileSync(packed.tarball)).buffer;
  const { messages, pkg } = await publint({ pack: { tarball }, strict: true, level: 'warning' });
  for (const m of messages) {
    problems.push(`${packed.name}: publint ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
  }
  const attw = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'attw'),
    [
      packed.tarball,
      '--profile',
      packed.attwProfile,
      ...(packed.attwIgnore?.length ? ['--ignore-rules', ...packed.attwIgnore] : []),
      '--format',
      'ascii',
      '--no-emoji',
      '--no-color',
      '--no-summary',
    ],
    { encoding: 'utf8' },
  );
  if (attw.status !== 0) {
    problems.push(`${packed.name}: are-the-types-wrong (profile ${packed.attwProfile}):\n${attw.stdout}${attw.stderr}`);
  }
  return problems;
}
