import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const testUtils = (file: string) => fileURLToPath(new URL(`./packages/test-utils/src/${file}.ts`, import.meta.url));

// Tests run against the TypeScript sources: `@notp/*` resolves to each package's src/.
export default defineConfig({
  resolve: {
    alias: {
      '@notp/core': src('core'),
      // A subpath before its package: aliases match by prefix, first one wins.
      '@notp/node-sdk/jwt': fileURLToPath(new URL('./packages/node-sdk/src/jwt.ts', import.meta.url)),
      '@notp/node-sdk': src('node-sdk'),
      '@notp/web-js-sdk': src('web-js-sdk'),
      '@notp/login-element': src('login-element'),
      '@notp/react-sdk': src('react-sdk'),
      '@notp/server': src('server'),
      // Private test support (never published): one entry per subpath of packages/test-utils/package.json.
      '@notp/test-utils/server': testUtils('testServer'),
      '@notp/test-utils/shared-backend': testUtils('sharedBackend'),
      '@notp/test-utils/contract': testUtils('contractServer'),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'compat/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
