import { defineConfig } from 'tsup';

export default defineConfig({
  // worker: the module isolated jobs load in their worker (by path, beside index.js).
  entry: { index: 'src/index.ts', worker: 'src/worker.ts' },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  // The library is a runtime dependency: never bundle any of it.
  external: ['@pokemon/scheduler', 'better-sqlite3', 'pg'],
});
