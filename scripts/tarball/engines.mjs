// Engines check of the tarball install: every package our packages pull in accepts each supported Node line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';

/** The oldest release of each supported Node line (package.json engines: >=20.19). */
export const SUPPORTED_NODE = ['20.19.0', '22.12.0', '24.0.0'];

/** Where `name` resolves from a package folder: its own node_modules, then each parent's (Node's lookup). */
function locate(fromDir, name) {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Walks the installed dependency tree (dependencies and installed optional ones) of each package in `roots`, starting in
 * `appDir`, and returns one line per package whose `engines.node` refuses a supported Node line.
 */
export function checkEngines(appDir, roots) {
  const problems = [];
  const seen = new Set();
  const queue = roots.map((name) => ({ dir: locate(appDir, name), name, via: 'the app' }));
  while (queue.length > 0) {
    const { dir, name, via } = queue.shift();
    if (!dir) {
      problems.push(`${name} (needed by ${via}) is not installed`);
      continue;
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const range = pkg.engines?.node;
    if (range) {
      const refused = SUPPORTED_NODE.filter((v) => !semver.satisfies(v, range));
      if (refused.length > 0)
        problems.push(
          `${pkg.name}@${pkg.version} (via ${via}): engines.node "${range}" refuses Node ${refused.join(', ')}`,
        );
    }
    for (const dep of Object.keys(pkg.dependencies ?? {}))
      queue.push({ dir: locate(dir, dep), name: dep, via: pkg.name });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      const found = locate(dir, dep);
      if (found) queue.push({ dir: found, name: dep, via: pkg.name });
    }
  }
  return problems;
}
