import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    store: 'src/store.ts',
    primitives: 'src/primitives.ts',
    sqlite: 'src/sqlite.ts',
    postgres: 'src/postgres.ts',
    testing: 'src/testing.ts',
    'store-contract': 'src/store-contract.ts',
    slack: 'src/slack.ts',
    otel: 'src/otel.ts',
    monitors: 'src/monitors.ts',
    'pg-cron': 'src/pg-cron.ts',
    // Not an entry point: the main module of isolated jobs' workers, loaded by path from the chunk beside it.
    'isolation-worker': 'src/isolation-worker.ts',
  },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ['better-sqlite3', 'pg', 'vitest', '@opentelemetry/api'],
});
