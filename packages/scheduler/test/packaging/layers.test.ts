/**
 * The library's layers point one way. Each folder of src/ may import only from the folders
 * below it in LAYERS (and from itself); the entry points at the top of src/ may import anything.
 * A type import counts like any other: a type cycle between two folders means a type lives in
 * the wrong one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

/** Lowest first. A folder may import the folders listed before it. */
const LAYERS = [
  'core',
  'primitives',
  'schedule',
  'store',
  'job',
  'policy',
  'alerts',
  'isolation',
  'run',
  'otel',
  'monitors',
  'scheduler',
  'pg-cron',
  'testing',
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function folderOf(file: string): string | undefined {
  const relative = path.relative(src, file);
  return relative.includes(path.sep) ? relative.split(path.sep)[0] : undefined;
}

it('every folder imports only from itself and the layers below it', () => {
  const violations: string[] = [];
  for (const file of sources(src)) {
    const from = folderOf(file);
    if (from === undefined) continue; // an entry point
    const rank = LAYERS.indexOf(from);
    expect(rank, `src/${from} is not in LAYERS`).toBeGreaterThanOrEqual(0);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      const to = folderOf(target);
      if (to === undefined) {
        violations.push(`${path.relative(src, file)} imports the entry point ${match[1]}`);
        continue;
      }
      if (to !== from && LAYERS.indexOf(to) >= rank) {
        violations.push(`${path.relative(src, file)} (${from}) imports ${match[1]} (${to})`);
      }
    }
  }
  expect(violations).toEqual([]);
});
