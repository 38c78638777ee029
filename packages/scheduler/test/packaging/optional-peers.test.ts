/**
 * OpenTelemetry is an optional peer: only `@pokemon/scheduler/otel` imports `@opentelemetry/api`.
 * Walks the static and dynamic imports of every other entry point, through the sources, and fails
 * when one reaches a file that imports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [path.join(src, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
    seen.set(
      file,
      specifiers.filter((specifier) => !specifier.startsWith('.')),
    );
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'));
    }
  }
  return seen;
}

const OTHER_ENTRIES = [
  'index.ts',
  'primitives.ts',
  'store.ts',
  'sqlite.ts',
  'postgres.ts',
  'slack.ts',
  'testing.ts',
  'monitors.ts',
];

it.each(OTHER_ENTRIES)('%s never reaches @opentelemetry/*', (entry) => {
  const packages = [...reachable(entry).values()].flat();
  expect(packages.filter((name) => name.startsWith('@opentelemetry/'))).toEqual([]);
});

it('while the otel entry does (the walk sees it)', () => {
  const packages = [...reachable('otel.ts').values()].flat();
  expect(packages).toContain('@opentelemetry/api');
});
