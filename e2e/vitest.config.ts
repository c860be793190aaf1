// Browser end-to-end tests: the real server (packages/server/test/harness.ts) driven through headless Chromium.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`../packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  // The server under test runs from its sources (as in the integration tests); the pages load the built SDKs.
  resolve: { alias: { '@notp/core': src('core') } },
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
