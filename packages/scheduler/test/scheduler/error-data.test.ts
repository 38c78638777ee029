import { describe, expect, it } from 'vitest';
import { serializeError } from '../../src/core/serialized-error.js';
import { NonRetryableError } from '../../src/index.js';
import { MINUTE } from '../../src/testing.js';
import { allRuns, harness } from './helpers.js';

/** A job's verdict, failing the run with its findings attached. */
class VerdictError extends NonRetryableError {
  readonly data: { findings: { name: string; count: number }[] };
  constructor(findings: { name: string; count: number }[]) {
    super(`2 findings: ${findings.map((f) => f.name).join(', ')}`);
    this.name = 'VerdictError';
    this.data = { findings };
  }
}

const FINDINGS = [
  { name: 'orphanedCards', count: 3 },
  { name: 'staleContentHash', count: 1 },
];

describe('error data', () => {
  it('serializeError keeps an error’s `data` as a JSON copy, and says why when it cannot', () => {
    const error = new VerdictError(FINDINGS);
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ name: 'VerdictError', code: 'NON_RETRYABLE', data: { findings: FINDINGS } });
    expect(serialized.data).not.toBe(error.data);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeError(Object.assign(new Error('x'), { data: cyclic })).data).toMatch(
      /^\[error data omitted: not JSON-serialisable/,
    );
    expect(serializeError(Object.assign(new Error('x'), { data: 'y'.repeat(70_000) })).data).toBe(
      '[error data omitted: 70002 bytes of JSON, over the 65536-byte limit]',
    );
    expect(serializeError(new Error('plain'))).not.toHaveProperty('data');
    expect(serializeError(new Error('outer', { cause: new VerdictError(FINDINGS) })).cause?.data).toEqual({
      findings: FINDINGS,
    });
  });

  it('a failed run keeps the data of its error in history and in its failure event, attempts included', async () => {
    await using h = harness([
      {
        name: 'verdict',
        schedule: '0 * * * *',
        retry: { attempts: 3 },
        run: () => {
          throw new VerdictError(FINDINGS);
        },
      },
    ]);
    const failed: unknown[] = [];
    h.scheduler.on('run:failed', (e) => failed.push(e.error.data));
    await h.scheduler.start();
    await h.clock.advance(61 * MINUTE);
    const [run] = await allRuns(h.store, 'verdict');
    expect(run).toMatchObject({ status: 'failed', error: { name: 'VerdictError', data: { findings: FINDINGS } } });
    expect(run?.attempts).toHaveLength(1);
    expect(run?.attempts[0]?.error?.data).toEqual({ findings: FINDINGS });
    expect(failed).toEqual([{ findings: FINDINGS }]);
    await h.scheduler.stop();
  });
});
