// defineJob rejects a bad `isolation` at definition, naming the option and the fix.
import { expect, it } from 'vitest';
import { defineJob, type JobOptions } from '../../src/index.js';
import { fixture } from './harness.js';

const base = { name: 'iso', schedule: '@daily' };

it.each([
  [{ mode: 'fork', module: fixture('echo') }, 'isolation.mode', '"fork"'],
  [{ module: fixture('echo') }, 'isolation.mode', '"thread" or "process"'],
  [{ mode: 'thread', module: './echo.mjs' }, 'isolation.module', "new URL('./my-job.js', import.meta.url)"],
  [{ mode: 'thread', module: new URL('https://example.com/job.js') }, 'isolation.module', 'https://example.com/job.js'],
  [{ mode: 'thread', module: fixture('echo'), exportName: 'not a name' }, 'isolation.exportName', '"not a name"'],
  [{ mode: 'process', module: fixture('echo'), memoryLimitMb: 4 }, 'isolation.memoryLimitMb', 'at least 16'],
  [{ mode: 'process', module: fixture('echo'), killGraceMs: -1 }, 'isolation.killGraceMs', '-1'],
  [{ mode: 'process', module: fixture('echo'), memory: 64 }, 'isolation.memory', 'memoryLimitMb'],
])('isolation %o: INVALID_JOB on %s', (isolation, field, mention) => {
  const define = () => defineJob({ ...base, isolation } as JobOptions);
  expect(define).toThrow(expect.objectContaining({ code: 'INVALID_JOB', job: 'iso', field }));
  expect(define).toThrow(mention);
});

it('rejects `run` beside `isolation`, and accepts an absolute path', () => {
  expect(() => defineJob({ ...base, run: () => 1, isolation: { mode: 'thread', module: fixture('echo') } })).toThrow(
    expect.objectContaining({ code: 'INVALID_JOB', field: 'run' }),
  );
  const job = defineJob({ ...base, isolation: { mode: 'process', module: fixture('echo').pathname } });
  expect(job.isolation).toEqual({
    mode: 'process',
    module: fixture('echo').href,
    exportName: 'run',
    data: undefined,
    memoryLimitMb: undefined,
    killGraceMs: 5_000,
  });
});

it('a job without `run` or `isolation` is still rejected', () => {
  expect(() => defineJob(base as JobOptions)).toThrow(expect.objectContaining({ code: 'INVALID_JOB', field: 'run' }));
});
