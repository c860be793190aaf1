// Types for the slice of madge's JS API (https://github.com/pahen/madge#api) that importCycles.test.ts uses.
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    excludeRegExp?: RegExp[];
    /** A tsconfig path (its `extends` and `paths` are followed) or its parsed object. */
    tsConfig?: string | object;
    detectiveOptions?: Record<string, { skipTypeImports?: boolean; skipAsyncImports?: boolean }>;
  }
  interface MadgeInstance {
    /** File → the files it imports, paths relative to baseDir. */
    obj(): Record<string, string[]>;
    /** Each cycle as the files along it. */
    circular(): string[][];
    /** Imports that could not be resolved to a file (npm packages are skipped without a warning). */
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeInstance>;
}
