import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/capped-timer.js';
import type { SchedulerEventMap } from '../../src/index.js';
import { MINUTE } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

describe("'run:progress-reported'", () => {
  it('fires when a job calls ctx.heartbeat(progress), with the progress object, at once; not for a bare heartbeat', async () => {
    const events: SchedulerEventMap['run:progress-reported'][] = [];
    let emittedBeforeItReturned = false;
    await using h = harness([
      {
        name: 'import',
        schedule: '0 * * * *',
        run: async (ctx) => {
          await sleep(h.clock, MINUTE, { signal: ctx.signal });
          const written = ctx.heartbeat({ setsDone: 1, setsTotal: 2 });
          emittedBeforeItReturned = events.length === 1;
          await written;
          await ctx.heartbeat();
          await sleep(h.clock, MINUTE, { signal: ctx.signal });
          await ctx.heartbeat({ setsDone: 2, setsTotal: 2 });
        },
      },
    ]);
    h.scheduler.on('run:progress-reported', (event) => events.push(event));
    await h.scheduler.start();
    await h.clock.advance(62 * MINUTE);

    const [run] = h.ran('import');
    expect(run?.status).toBe('succeeded');
    expect(events).toEqual([
      {
        job: 'import',
        runId: run?.id,
        scheduledFor: new Date(T0 + 60 * MINUTE),
        trigger: 'schedule',
        attempt: 1,
        progress: { setsDone: 1, setsTotal: 2 },
        at: new Date(T0 + 61 * MINUTE),
      },
      expect.objectContaining({ progress: { setsDone: 2, setsTotal: 2 }, at: new Date(T0 + 62 * MINUTE) }),
    ]);
    expect(emittedBeforeItReturned).toBe(true);
    expect(run?.progress).toEqual({ setsDone: 2, setsTotal: 2 });
    await h.scheduler.stop();
  });
});
