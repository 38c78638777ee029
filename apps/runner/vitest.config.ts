import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Test against the libraries' sources, so tests need no build of them.
    alias: [
      {
        find: /^@pokemon\/scheduler\/(store|primitives|sqlite|postgres|slack|testing|pg-cron)$/,
        replacement: source('../../packages/scheduler/src/$1.ts'),
      },
      { find: /^@pokemon\/scheduler$/, replacement: source('../../packages/scheduler/src/index.ts') },
      { find: /^@pokemon\/jobs-pokemon$/, replacement: source('../../packages/jobs-pokemon/src/index.ts') },
      { find: /^@pokemon\/console$/, replacement: source('../../packages/console/src/index.ts') },
      { find: /^@pokemon\/console\/node$/, replacement: source('../../packages/console/src/node.ts') },
    ],
  },
  test: {
    name: '@pokemon/cron-runner',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../tools/test-postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
