// No import cycles across packages/*/src, type-only imports included (issue 14): madge over the TypeScript sources.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge, { type MadgeConfig } from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');
const sources = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(packagesDir, d.name, 'src'));

// tsconfig.json: `.js` specifiers resolve to `.ts` files and `@notp/*` to each package's src/ (tsconfig.base.json).
// Type-only imports and exports, and `import('…').T` types, count as edges (madge's TypeScript detective option).
const config: MadgeConfig = {
  baseDir: packagesDir,
  fileExtensions: ['ts', 'tsx'],
  tsConfig: join(root, 'tsconfig.json'),
  detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
};

describe('import cycles', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'notp-cycles-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('packages/*/src has none, counting type-only imports and imports across packages', async () => {
    const graph = await madge(sources, config);
    const deps = graph.obj();
    // The graph is the real one: a type-only import and a cross-package `@notp/core` import are edges of it.
    expect(deps['server/src/http/routes/jwks.ts']).toContain('server/src/http/routes/RouteOptions.ts');
    expect(deps['server/src/http/errorHandler.ts']).toContain('core/src/index.ts');
    expect(Object.keys(deps).length).toBeGreaterThan(300);
    // Every relative import resolved to a file (an unresolved one would silently drop its edge).
    expect(graph.warnings().skipped.filter((s) => s.startsWith('.'))).toEqual([]);
    expect(graph.circular()).toEqual([]);
  });

  it('would catch a cycle made only of type imports', async () => {
    writeFileSync(join(fixture, 'a.ts'), "import type { B } from './b.js';\nexport interface A { b?: B }\n");
    writeFileSync(join(fixture, 'b.ts'), "import type { A } from './a.js';\nexport interface B { a?: A }\n");
    const graph = await madge(join(fixture, 'a.ts'), { ...config, baseDir: fixture });
    expect(graph.circular()).toEqual([['a.ts', 'b.ts']]);
  });
});
