import { defineConfig } from 'tsup';

// Client entries (`.` and `/client`) keep their 'use client' directive (esbuild preserves an entry's directive);
// the server entry is built apart, so no client code ends up in it.
const common = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  clean: false,
  target: 'es2022' as const,
  external: ['next', 'react', /^@notp\//],
};

export default defineConfig([
  { ...common, entry: ['src/index.ts', 'src/client.ts'], platform: 'browser' },
  { ...common, entry: ['src/server.ts'], platform: 'neutral' },
]);
