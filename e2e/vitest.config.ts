// Browser end-to-end tests: the real server (@notp/test-utils/server) driven through headless Chromium.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`../packages/${pkg}/src/index.ts`, import.meta.url));
const testUtils = (file: string) => fileURLToPath(new URL(`../packages/test-utils/src/${file}.ts`, import.meta.url));

export default defineConfig({
  // The server under test runs from its sources (as in the integration tests); the pages load the built SDKs.
  resolve: {
    alias: {
      '@notp/core': src('core'),
      '@notp/server': src('server'),
      '@notp/test-utils/server': testUtils('testServer'),
      '@notp/test-utils/shared-backend': testUtils('sharedBackend'),
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One Chromium at a time: the machines that run this have two cores.
    fileParallelism: false,
  },
});
