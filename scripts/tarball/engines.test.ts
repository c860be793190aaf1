// checkEngines over a real node_modules tree on disk: nested and hoisted lookup, the refused line named, optional deps.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEngines } from './engines.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes `node_modules/<path>/package.json` under `root` for each entry. */
function tree(packages: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'notp-engines-'));
  dirs.push(root);
  for (const [path, pkg] of Object.entries(packages)) {
    const dir = join(root, ...path.split('>').flatMap((name) => ['node_modules', name]));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.0.0', ...pkg }));
  }
  return root;
}

describe('checkEngines', () => {
  it('accepts a tree whose engines allow Node 20.19, 22.12 and 24', () => {
    const root = tree({
      '@notp/server': { name: '@notp/server', engines: { node: '>=20.19' }, dependencies: { fastify: '^5' } },
      fastify: { name: 'fastify', dependencies: { cookie: '^1' } },
      cookie: { name: 'cookie', engines: { node: '>= 18' } },
    });
    expect(checkEngines(root, ['@notp/server'])).toEqual([]);
  });

  it('names a transitive dependency that refuses Node 20, and prefers the nested copy over the hoisted one', () => {
    const root = tree({
      '@notp/server': { name: '@notp/server', dependencies: { 'light-my-request': '^6' } },
      'light-my-request': { name: 'light-my-request', version: '6.8.1', dependencies: { cookie: '^2' } },
      'light-my-request>cookie': { name: 'cookie', version: '2.0.2', engines: { node: '>=22' } },
      cookie: { name: 'cookie', version: '1.1.1', engines: { node: '>=18' } },
    });
    expect(checkEngines(root, ['@notp/server'])).toEqual([
      'cookie@2.0.2 (via light-my-request): engines.node ">=22" refuses Node 20.19.0',
    ]);
  });

  it('reports a missing dependency, and skips optional ones that are not installed', () => {
    const root = tree({
      '@notp/core': { name: '@notp/core', dependencies: { jose: '^6' }, optionalDependencies: { fsevents: '*' } },
    });
    expect(checkEngines(root, ['@notp/core'])).toEqual(['jose (needed by @notp/core) is not installed']);
  });
});
