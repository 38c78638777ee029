import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.js';
import { createFakeClock } from '../../src/testing.js';
import { T0 } from './helpers.js';

/** The scheduler polls `listJobs()`: the memory store copies rows by hand (not structuredClone), so check the copies are deep. */
describe('memory store job rows (polled by the scheduler)', () => {
  it('listJobs/getJob/updateJob return deep copies, by name, including jobs added later', async () => {
    await using store = createMemoryStore({ clock: createFakeClock(T0) });
    await store.reconcileJobs([
      { name: 'b', schedule: '* * * * *', timezone: 'UTC', dependsOn: ['a'], description: 'B' },
      { name: 'a', schedule: '* * * * *', timezone: 'UTC' },
    ]);
    await store.updateJob('b', {
      paused: true,
      pauseNote: 'n',
      scheduleOverride: '0 * * * *',
      circuit: { state: 'open', openedAt: new Date(T0), consecutiveFailures: 3 },
    });
    const before = await store.getJob('b');
    for (const copy of [(await store.listJobs())[1]!, (await store.getJob('b'))!, (await store.updateJob('b', {}))!]) {
      copy.createdAt.setTime(0);
      copy.updatedAt.setTime(0);
      copy.circuit.openedAt?.setTime(0);
      copy.circuit.consecutiveFailures = 99;
      (copy.dependsOn as string[]).push('x');
      copy.paused = false;
    }
    const after = await store.getJob('b');
    expect(after).toEqual({ ...before, updatedAt: after?.updatedAt });
    expect(after).toMatchObject({ description: 'B', pauseNote: 'n', scheduleOverride: '0 * * * *', dependsOn: ['a'] });
    expect(after?.circuit).toEqual({ state: 'open', openedAt: new Date(T0), consecutiveFailures: 3 });
    await store.reconcileJobs(
      [
        { name: 'c', schedule: '* * * * *', timezone: 'UTC' },
        { name: '0', schedule: '* * * * *', timezone: 'UTC' },
      ],
      {
        removeMissing: true,
      },
    );
    expect((await store.listJobs()).map((job) => job.name)).toEqual(['0', 'c']);
  });
});
