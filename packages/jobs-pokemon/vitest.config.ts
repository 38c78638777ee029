import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against the library's sources, not its (possibly unbuilt) dist/: the root entry and its subpaths.
    alias: [
      {
        find: /^@pokemon\/scheduler$/,
        replacement: fileURLToPath(new URL('../scheduler/src/index.ts', import.meta.url)),
      },
      {
        find: /^@pokemon\/scheduler\/(.+)$/,
        replacement: fileURLToPath(new URL('../scheduler/src/$1.ts', import.meta.url)),
      },
    ],
  },
  test: {
    name: '@pokemon/jobs-pokemon',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../tools/test-postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
