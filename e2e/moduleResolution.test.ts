// The built packages as a TypeScript user meets them: every subpath export type-checks under moduleResolution
// node10 (typesVersions), node16 and bundler, in a throwaway project outside the workspace (`npm run build` first).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PACKAGES = ['core', 'node-sdk', 'web-js-sdk', 'nextjs-sdk', 'react-sdk', 'login-element'];

/** Uses a value of each subpath, so a path that resolves to `any` (no types) fails under noImplicitAny too. */
const FIXTURE = `
import NotpClient from '@notp/node-sdk';
import { notpAuth } from '@notp/node-sdk/express';
import { notpFastify, notpPreHandler } from '@notp/node-sdk/fastify';
import { AuthProvider, useSession, WhatsAppLogin } from '@notp/nextjs-sdk/client';
import { authMiddleware, session } from '@notp/nextjs-sdk/server';
import '@notp/web-js-sdk/umd';

const client = NotpClient({ projectId: 'P2abcdefghijklmnopqrstuvwxyz' });
export const middlewares: unknown[] = [notpAuth(client), notpPreHandler(client), notpFastify];
export const next: unknown[] = [AuthProvider, useSession, WhatsAppLogin, authMiddleware, session];
const sdk = Notp({ projectId: 'P2abcdefghijklmnopqrstuvwxyz' });
export const start: Promise<{ ok: boolean }> = sdk.notp.signUpOrIn('');
export const version: string = globalThis.Notp.version;
// @ts-expect-error: the types are real, so a wrong call is an error (an untyped module would accept it)
notpAuth('not a client');
// @ts-expect-error: the global is typed too (an \`any\` global would accept this)
Notp({ projectId: 42 });
// @ts-expect-error: and so is the Next client's component
WhatsAppLogin({ qrFormat: 'gif' });
`;

const MODES = {
  node10: { module: 'commonjs', moduleResolution: 'node10', type: 'commonjs' },
  node16: { module: 'node16', moduleResolution: 'node16', type: 'module' },
  bundler: { module: 'esnext', moduleResolution: 'bundler', type: 'module' },
} as const;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notp-resolution-'));
  // The packages as installed: node_modules/@notp/<name> → the package folder (its package.json and built dist).
  await mkdir(join(dir, 'node_modules', '@notp'), { recursive: true });
  for (const name of PACKAGES) await symlink(join(packagesDir, name), join(dir, 'node_modules', '@notp', name), 'dir');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('subpath exports type-check in a fresh project', () => {
  it.each(Object.entries(MODES))(
    'moduleResolution %s',
    async (name, mode) => {
      const project = join(dir, name);
      await mkdir(project, { recursive: true });
      await writeFile(join(project, 'package.json'), JSON.stringify({ name: `fixture-${name}`, type: mode.type }));
      await writeFile(join(project, 'index.ts'), FIXTURE);
      const compilerOptions = {
        module: mode.module,
        moduleResolution: mode.moduleResolution,
        target: 'es2022',
        lib: ['es2022', 'dom'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        // As a Next or Vite app has it: the ecosystem's own .d.ts files are not this test's business.
        skipLibCheck: true,
        // Node's types from the workspace (the express subpath's declarations import node:http).
        typeRoots: [join(packagesDir, '..', 'node_modules', '@types')],
        types: ['node'],
      };
      await writeFile(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
      const result = await run(process.execPath, [tsc, '-p', project], { cwd: project }).then(
        () => '',
        (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
      );
      expect(result).toBe('');
    },
    240_000,
  );
});
