// Types of packages.mjs, for the TypeScript tests that use its package list.
export interface PublicPackage {
  name: string;
  dir: string;
  packDir: string;
  attwProfile: 'strict' | 'node16' | 'esm-only';
}
export interface PackedPackage extends PublicPackage {
  version: string;
  tarball: string;
  files: string[];
}
export const ROOT: string;
export const PACKAGES: PublicPackage[];
export const PRIVATE_DEPENDENTS: string[];
export function readJson(path: string): Record<string, unknown>;
export function run(cmd: string, args: string[], opts?: { cwd?: string; quiet?: boolean }): string;
export function buildAll(): void;
export function packAll(outDir: string): PackedPackage[];
