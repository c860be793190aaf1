// Every package README: starts with install + an example, its examples import only exports that exist, links resolve.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PACKAGES, ROOT } from './packages.mjs';

interface Block {
  lang: string;
  code: string;
}

const blocksOf = (md: string): Block[] =>
  [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1] ?? '', code: m[2] ?? '' }));

/** The TypeScript source of an import specifier `@notp/<pkg>[/<sub>]`, or undefined when there is no such entry. */
function entryOf(specifier: string): string | undefined {
  const [scope, name, ...sub] = specifier.split('/');
  const pkg = PACKAGES.find((p) => p.name === `${scope}/${name}`);
  if (!pkg) return undefined;
  const file = join(ROOT, pkg.dir, 'src', `${sub.length === 0 ? 'index' : sub.join('/')}.ts`);
  return existsSync(file) ? file : undefined;
}

interface Import {
  specifier: string;
  names: string[];
}

/** The `@notp/*` imports of a code block (a Vue SFC's `<script>` parts; HTML blocks use the UMD global). */
function importsOf(block: Block): Import[] {
  const code =
    block.lang === 'vue'
      ? [...block.code.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
      : block.code;
  const file = ts.createSourceFile('example.tsx', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: Import[] = [];
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const specifier = s.moduleSpecifier.text;
    if (!specifier.startsWith('@notp/')) continue;
    const names: string[] = [];
    const clause = s.importClause;
    if (clause?.name) names.push('default');
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
    }
    found.push({ specifier, names });
  }
  return found;
}

const readmes = PACKAGES.map((p) => ({ ...p, path: join(ROOT, p.dir, 'README.md') }));
const examples = readmes.flatMap((r) =>
  existsSync(r.path)
    ? blocksOf(readFileSync(r.path, 'utf8'))
        .filter((b) => ['ts', 'tsx', 'js', 'jsx', 'vue'].includes(b.lang))
        .flatMap((b) => importsOf(b))
    : [],
);

// One program over every entry the READMEs import: the checker lists each module's exports (`export *` included).
const entries = [...new Set(examples.map((i) => entryOf(i.specifier)).filter((f): f is string => f !== undefined))];
const config = ts.getParsedCommandLineOfConfigFile(
  join(ROOT, 'tsconfig.base.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  },
);
const program = ts.createProgram(entries, { ...config?.options, noEmit: true });
const checker = program.getTypeChecker();
const exportsOf = (file: string): Set<string> => {
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  return new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : []);
};

describe('package READMEs', () => {
  it.each(readmes)('$name: starts with `npm install $name`, then an example that imports a notp package', (r) => {
    expect(existsSync(r.path), `${r.dir}/README.md`).toBe(true);
    const blocks = blocksOf(readFileSync(r.path, 'utf8'));
    expect(blocks[0]?.lang).toBe('sh');
    expect(blocks[0]?.code).toMatch(new RegExp(`^(npm install|npx) ${r.name.replace('/', '\\/')}\\b`));
    expect(importsOf(blocks[1] ?? { lang: '', code: '' }).length).toBeGreaterThan(0);
  });

  it.each(examples.map((i) => ({ ...i, label: `${i.specifier} { ${i.names.join(', ')} }` })))(
    'imports only what exists: $label',
    ({ specifier, names }) => {
      const entry = entryOf(specifier);
      expect(entry, `${specifier} is not an entry of a published package`).toBeDefined();
      const exported = exportsOf(entry as string);
      expect(names.filter((n) => !exported.has(n))).toEqual([]);
    },
  );

  it.each(readmes)('$name: every relative link points to a file of the repository', (r) => {
    const md = readFileSync(r.path, 'utf8');
    const links = [...md.matchAll(/\]\((?!https?:|#)([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1] as string);
    const missing = links.filter((l) => !existsSync(resolve(dirname(r.path), l)));
    expect(missing).toEqual([]);
  });
});
