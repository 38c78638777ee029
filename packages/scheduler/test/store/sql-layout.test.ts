import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STORE = join(import.meta.dirname, '../../src/store');
const SQL_BACKENDS = ['sqlite', 'postgres'] as const;
const BACKENDS = [...SQL_BACKENDS, 'memory'] as const;
const OPERATION_FILES = [
  'audit.ts',
  'claims.ts',
  'history.ts',
  'imports.ts',
  'jobs.ts',
  'runs.ts',
  'state.ts',
  'stats.ts',
];
const SQL_FILES = [...OPERATION_FILES, 'schema.ts'];

function files(backend: string): string[] {
  return readdirSync(join(STORE, backend)).filter((name) => name.endsWith('.ts'));
}

function exportedFunctions(backend: string, file: string): string[] {
  const text = readFileSync(join(STORE, backend, file), 'utf8');
  return [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((match) => match[1] as string).sort();
}

/** Every `.ts` file under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
}

describe('store layout', () => {
  it.each(BACKENDS)('%s imports no file of another backend', (backend) => {
    const others = BACKENDS.filter((name) => name !== backend);
    for (const file of files(backend)) {
      const text = readFileSync(join(STORE, backend, file), 'utf8');
      for (const other of others) expect(text, `${backend}/${file}`).not.toMatch(new RegExp(`from '\\.\\./${other}/`));
    }
  });

  it('both SQL backends group their SQL in the same operation files, with the same operation names', () => {
    for (const backend of SQL_BACKENDS) expect(files(backend)).toEqual(expect.arrayContaining(SQL_FILES));
    for (const file of OPERATION_FILES) {
      expect(exportedFunctions('sqlite', file), file).toEqual(exportedFunctions('postgres', file));
    }
  });

  it('the memory store has the same operation files and operation names as the SQL backends', () => {
    expect(files('memory')).toEqual(expect.arrayContaining(OPERATION_FILES));
    for (const file of OPERATION_FILES) {
      expect(exportedFunctions('memory', file), file).toEqual(exportedFunctions('sqlite', file));
    }
  });

  it.each(SQL_BACKENDS)('%s keeps no per-statement sql/ folder', (backend) => {
    expect(readdirSync(join(STORE, backend))).not.toContain('sql');
  });

  it('no file under src/store/ is over 250 lines', () => {
    for (const file of tree(STORE)) {
      const lines = readFileSync(join(STORE, file), 'utf8').split('\n').length;
      expect(lines, file).toBeLessThanOrEqual(250);
    }
  });
});
