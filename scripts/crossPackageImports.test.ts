// No package reaches into another package's files by relative path (issue 14): shared test support is @notp/test-utils.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

const SKIP_DIRS = new Set(['node_modules', 'dist', '.angular', '.next', 'data']);
const SOURCE = /\.(?:[cm]?[jt]sx?|vue)$/;
// Static imports and re-exports (`from '…'`), side-effect imports, dynamic import() and require().
const SPECIFIERS =
  /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (SOURCE.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

/** Every relative import under `packagesDir/<pkg>/` that lands in another `packagesDir/<other>/`. */
function crossPackageImports(packagesDir: string): string[] {
  const found: string[] = [];
  for (const pkg of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    for (const file of sourceFiles(join(packagesDir, pkg.name))) {
      for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        if (!spec.startsWith('.')) continue;
        const target = relative(packagesDir, resolve(dirname(file), spec));
        const targetPkg = target.split(sep)[0];
        if (target.startsWith('..') || targetPkg === pkg.name) continue;
        found.push(`${relative(packagesDir, file).split(sep).join('/')} → ${target.split(sep).join('/')}`);
      }
    }
  }
  return found.sort();
}

describe('imports across packages', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'notp-crossing-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('no file in packages/* imports another package by relative path (only the listed pending one)', () => {
    expect(crossPackageImports(join(root, 'packages'))).toEqual([]);
  });

  it('would catch a static, a type-only and a dynamic import into another package, and allow its own', () => {
    mkdirSync(join(fixture, 'a', 'src'), { recursive: true });
    mkdirSync(join(fixture, 'b', 'test'), { recursive: true });
    writeFileSync(join(fixture, 'b', 'test', 'kit.ts'), 'export const kit = 1;\n');
    writeFileSync(
      join(fixture, 'a', 'src', 'x.test.ts'),
      [
        "import { kit } from '../../b/test/kit.js';",
        "import type { Y } from '../../b/src/y.js';",
        "import { own } from './own.js';",
        "const later = await import('../../b/src/z.js');",
        '',
      ].join('\n'),
    );
    expect(crossPackageImports(fixture)).toEqual([
      'a/src/x.test.ts → b/src/y.js',
      'a/src/x.test.ts → b/src/z.js',
      'a/src/x.test.ts → b/test/kit.js',
    ]);
  });
});
