// The liveness record: which instances run, when the last was seen, and the spans when none ran.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.js';
import { readLiveness } from '../../src/scheduler/liveness.js';
import { createFakeClock, HOUR, MINUTE } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

describe('liveness', () => {
  it('a running instance is seen about every minute; a restart while another runs is no outage; one after all stopped is', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    const jobs = [{ name: 'tick', schedule: '* * * * *' }];
    await using a = harness(jobs, { clock, store, instanceId: 'a' });
    await a.scheduler.start();
    await clock.advanceTo(T0 + 10 * MINUTE + 30_000);
    expect((await readLiveness(store)).instances.a).toEqual({ startedAtMs: T0, lastSeenMs: T0 + 10 * MINUTE });

    {
      await using b = harness(jobs, { clock, store, instanceId: 'b' });
      await b.scheduler.start(); // a is running: nothing was down
      expect((await readLiveness(store)).down).toEqual([]);
    }
    await a.scheduler.stop();
    const stopped = await readLiveness(store);
    expect(stopped.instances.a?.stoppedAtMs).toBe(T0 + 10 * MINUTE + 30_000);
    expect(stopped.instances.b?.stoppedAtMs).toBe(T0 + 10 * MINUTE + 30_000);

    await clock.advance(HOUR);
    await using c = harness(jobs, { clock, store, instanceId: 'c' });
    await c.scheduler.start();
    const after = await readLiveness(store);
    expect(after.down).toEqual([
      { fromMs: T0 + 10 * MINUTE + 30_000, toMs: T0 + HOUR + 10 * MINUTE + 30_000, cleanStop: true },
    ]);
    // of the stopped instances only the last one seen is kept (what the next start needs)
    expect(Object.keys(after.instances).sort()).toEqual(['a', 'c']);
  });

  it('an instance not seen for three minutes counts as gone: the span since it was last seen is an outage (no clean stop)', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    // what a crashed instance leaves behind: seen at T0 + 5 min, never stopped
    await store.setState('scheduler:liveness', {
      v: 1,
      instances: { crashed: { startedAtMs: T0, lastSeenMs: T0 + 5 * MINUTE } },
      down: [],
    });
    await clock.advanceTo(T0 + 7 * MINUTE);
    {
      await using early = harness([{ name: 'tick', schedule: '0 * * * *' }], { clock, store, instanceId: 'early' });
      await early.scheduler.start(); // seen two minutes ago: maybe still running
      expect((await readLiveness(store)).down).toEqual([]);
    }
    await clock.advanceTo(T0 + HOUR + 30 * MINUTE);
    await store.setState('scheduler:liveness', {
      v: 1,
      instances: { crashed: { startedAtMs: T0, lastSeenMs: T0 + 5 * MINUTE } },
      down: [],
    });
    await using late = harness([{ name: 'tick', schedule: '0 * * * *' }], { clock, store, instanceId: 'late' });
    await late.scheduler.start();
    expect((await readLiveness(store)).down).toEqual([
      { fromMs: T0 + 5 * MINUTE, toMs: T0 + HOUR + 30 * MINUTE, cleanStop: false },
    ]);
  });
});
