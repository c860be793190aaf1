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
    // For plain HTML pages (served by the server at /sdk/login-element.js): one <script> registers
    // <notp-whatsapp-login>, with the web SDK inside; the module's exports land on the global `NotpLoginElement`.
    entry: { 'login-element': 'src/index.ts' },
    outDir: 'dist/umd',
    format: ['iife'],
    globalName: 'NotpLoginElement',
    outExtension: () => ({ js: '.js' }),
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    target: 'es2020',
    platform: 'browser',
  },
]);
