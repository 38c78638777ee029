import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  // The library is a runtime dependency: never bundle any of it.
  external: ['@pokemon/scheduler', 'better-sqlite3', 'pg'],
});
