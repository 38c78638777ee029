// Tests dispose what they start: `await using` stops a scheduler (and closes what a harness
// created) even when an assertion in the block throws, with no afterEach.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createScheduler, defineJob, StoreError } from '../../src/index.js';
import { createFakeClock, MINUTE } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

describe('await using in tests', () => {
  it('a scheduler declared with await using is stopped when an assertion in its block fails', async () => {
    const clock = createFakeClock(T0);
    const stopped: number[] = [];
    let runs = 0;
    const failingTest = async () => {
      await using scheduler = createScheduler({
        jobs: [defineJob({ name: 'tick', schedule: '* * * * *', run: () => void runs++ })],
        store: createMemoryStore(),
        clock,
      });
      scheduler.on('scheduler:stopped', () => stopped.push(clock.now()));
      await scheduler.start();
      await clock.advance(MINUTE);
      expect(runs).toBe(0); // fails: the job ran once
    };
    await expect(failingTest()).rejects.toThrow('expected 1 to be +0');
    expect(stopped).toEqual([T0 + MINUTE]);
    await clock.advance(10 * MINUTE);
    expect(runs).toBe(1); // nothing is left running
  });

  it('a harness declared with await using stops its scheduler and closes the store it created', async () => {
    const stopped: string[] = [];
    let store: ReturnType<typeof harness>['store'] | undefined;
    const failingTest = async () => {
      await using h = harness([{ name: 'tick', schedule: '* * * * *' }]);
      store = h.store;
      h.scheduler.on('scheduler:stopped', ({ instanceId }) => stopped.push(instanceId));
      await h.scheduler.start();
      expect(h.scheduler).toBeUndefined(); // fails
    };
    await expect(failingTest()).rejects.toThrow(/to be undefined/);
    expect(stopped).toHaveLength(1);
    await expect(store!.listJobs()).rejects.toBeInstanceOf(StoreError);
  });

  it('a harness leaves a store it was given open for its owner', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    {
      await using h = harness([{ name: 'tick', schedule: '* * * * *' }], { clock, store });
      await h.scheduler.start();
    }
    expect((await store.listJobs()).map((job) => job.name)).toEqual(['tick']);
  });
});
