import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@pokemon/cron-runner',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../tools/test-postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
