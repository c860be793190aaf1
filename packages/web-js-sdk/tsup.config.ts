import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'browser',
  },
  {
    // For plain HTML pages (served by the server at /sdk/web-js-sdk.js): `Notp(options)` as a global.
    entry: { 'web-js-sdk': 'src/umd.ts' },
    outDir: 'dist/umd',
    format: ['iife'],
    globalName: 'Notp',
    // The entry's default export is the function itself: unwrap esbuild's module namespace.
    footer: { js: 'Notp = Notp.default;' },
    outExtension: () => ({ js: '.js' }),
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    target: 'es2020',
    platform: 'browser',
  },
  {
    // Types of `@notp/web-js-sdk/umd`: the global `Notp` (a `declare global`) and the default export.
    entry: { 'umd/web-js-sdk': 'src/umd.ts' },
    format: ['esm'],
    dts: { only: true },
    target: 'es2022',
    platform: 'browser',
  },
]);
