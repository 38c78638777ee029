import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STORE = join(import.meta.dirname, '../../src/store');
const BACKENDS = ['sqlite', 'postgres'] as const;
const OPERATION_FILES = ['claims.ts', 'history.ts', 'jobs.ts', 'runs.ts', 'schema.ts', 'state.ts', 'stats.ts'];

function files(backend: string): string[] {
  return readdirSync(join(STORE, backend)).filter((name) => name.endsWith('.ts'));
}

function exportedFunctions(backend: string, file: string): string[] {
  const text = readFileSync(join(STORE, backend, file), 'utf8');
  return [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((match) => match[1] as string).sort();
}

describe('SQL store layout', () => {
  it.each(BACKENDS)('%s imports no file of another backend', (backend) => {
    const other = BACKENDS.find((name) => name !== backend);
    for (const file of files(backend)) {
      const text = readFileSync(join(STORE, backend, file), 'utf8');
      expect(text, `${backend}/${file}`).not.toMatch(new RegExp(`from '\\.\\./${other}/`));
    }
  });

  it('both backends group their SQL in the same operation files, with the same operation names', () => {
    for (const backend of BACKENDS) expect(files(backend)).toEqual(expect.arrayContaining(OPERATION_FILES));
    for (const file of OPERATION_FILES.filter((name) => name !== 'schema.ts')) {
      expect(exportedFunctions('sqlite', file), file).toEqual(exportedFunctions('postgres', file));
    }
  });

  it.each(BACKENDS)('%s keeps no per-statement sql/ folder and no file over 250 lines', (backend) => {
    expect(readdirSync(join(STORE, backend))).not.toContain('sql');
    for (const file of files(backend)) {
      const lines = readFileSync(join(STORE, backend, file), 'utf8').split('\n').length;
      expect(lines, `${backend}/${file}`).toBeLessThanOrEqual(250);
    }
  });
});
