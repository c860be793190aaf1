// The integration and compat suites again, on PostgreSQL + Redis instead of SQLite + in-process events
// (`npx vitest run --config packages/server/test/scale/vitest.postgres.config.ts`; npm test runs it).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import root from '../../../../vitest.config.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  ...root,
  root: here('../../../../'),
  test: {
    ...root.test,
    // Exactly the suites that start servers through the harness (which picks up the shared backend).
    include: [
      'packages/server/test/integration/**/*.test.ts',
      'compat/**/*.test.ts',
      // The console's data (activity counters, keys, preview, login history) through the PostgreSQL adapter.
      'packages/server/src/http/routes/managementConsoleData.test.ts',
    ],
    globalSetup: [here('./postgresGlobalSetup.ts')],
  },
});
