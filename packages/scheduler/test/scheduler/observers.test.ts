/**
 * Run observers (`createScheduler({ observers })`): what they see of a run, in order, and that one
 * that throws never fails nor stops a run.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, InvalidOptionError, type RunObserver } from '../../src/index.js';
import { MINUTE, SECOND } from '../../src/testing.js';
import { recordingLogger } from '../alerts/recording-logger.js';
import { harness } from './helpers.js';

describe('run observers', () => {
  it('see a held run, each attempt (wrapping the job’s code) and the final record; skipped slots as records', async () => {
    const seen: string[] = [];
    const observer: RunObserver = {
      runHeld: ({ record, job }) => {
        seen.push(`held ${record.job} ${job.schedule} ${job.timezone}`);
        return {
          attemptStarted: ({ attempt, latenessMs }) => {
            seen.push(`attempt ${attempt} late ${latenessMs}`);
            return {
              wrap: (fn) => {
                seen.push('wrap in');
                const out = fn();
                seen.push('wrap out');
                return out;
              },
              attemptEnded: ({ status }) => seen.push(`attempt ended ${status}`),
            };
          },
          runEnded: ({ status }) => seen.push(`run ended ${status}`),
        };
      },
      runRecorded: ({ status }) => seen.push(`recorded ${status}`),
    };
    let calls = 0;
    await using h = harness(
      [
        {
          name: 'flaky',
          schedule: '* * * * *',
          retry: { attempts: 2, backoff: 'fixed', initialDelayMs: SECOND, jitter: false },
          run: async () => {
            seen.push('job');
            if (++calls === 1) throw new Error('once');
          },
        },
      ],
      { observers: [observer] },
    );
    await h.scheduler.start();
    await h.clock.advance(MINUTE + SECOND);
    await h.scheduler.pause('flaky');
    await h.clock.advance(MINUTE);
    expect(seen).toEqual([
      'held flaky * * * * * UTC',
      'attempt 1 late 0',
      'wrap in',
      'job',
      'wrap out',
      'attempt ended failed',
      'attempt 2 late 1000',
      'wrap in',
      'job',
      'wrap out',
      'attempt ended succeeded',
      'recorded succeeded',
      'run ended succeeded',
      'recorded skipped',
    ]);
  });

  it('an observer that throws everywhere is logged and the run goes on as without it', async () => {
    const logger = recordingLogger();
    const boom = (): never => {
      throw new Error('observer bug');
    };
    const broken: RunObserver = {
      name: 'broken',
      captureContext: boom,
      runHeld: () => ({ attemptStarted: () => ({ wrap: boom, attemptEnded: boom }), runEnded: boom }),
      runRecorded: boom,
    };
    let calls = 0;
    await using h = harness(
      [
        {
          name: 'job',
          schedule: '* * * * *',
          run: () => {
            calls++;
            return 'done';
          },
        },
      ],
      { observers: [broken], logger },
    );
    const record = await h.scheduler.trigger('job');
    expect(record.status).toBe('succeeded');
    expect(calls).toBe(1);
    const errors = logger.lines.filter((line) => line.startsWith('error Run observer threw'));
    expect(errors.map((line) => JSON.parse(line.slice(line.indexOf('{'))).method)).toEqual([
      'captureContext',
      'wrap',
      'attemptEnded',
      'runRecorded',
      'runEnded',
    ]);
  });

  it('createScheduler rejects observers that are not an array of objects', () => {
    expect(() => createScheduler({ jobs: [], store: createMemoryStore(), observers: ['otel'] as never })).toThrow(
      InvalidOptionError,
    );
  });
});
