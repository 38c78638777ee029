import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  // `dist/web` (the single-page app) is written by Vite after tsup; keep it.
  clean: ['!web/**'],
  external: ['@pokemon/scheduler', 'hono', '@hono/zod-openapi', '@hono/node-server', 'zod', 'cronstrue'],
});
