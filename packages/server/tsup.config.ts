import { defineConfig } from 'tsup';

// The server is an application: bundle our own workspace code, keep npm dependencies external.
export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts'],
  format: ['esm'],
  // Types for the programmatic entry only (people embedding the server); our workspace types are inlined like the code.
  dts: { entry: 'src/index.ts', resolve: [/^@notp\//] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  noExternal: [/^@notp\//],
  banner: { js: '#!/usr/bin/env node' },
});
