import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  // Vite writes the single-page app into dist/web after this build.
  clean: true,
  external: ['@pokemon/scheduler', 'hono', '@hono/zod-openapi', '@hono/node-server', 'zod', 'cronstrue'],
});
