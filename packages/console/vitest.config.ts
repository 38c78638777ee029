import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the library's sources, not its (possibly unbuilt) dist/.
    alias: [
      {
        find: /^@pokemon\/scheduler\/(store|sqlite|postgres|testing)$/,
        replacement: source('../scheduler/src/$1.ts'),
      },
      { find: /^@pokemon\/scheduler$/, replacement: source('../scheduler/src/index.ts') },
    ],
  },
  test: {
    name: '@pokemon/console',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../tools/test-postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
