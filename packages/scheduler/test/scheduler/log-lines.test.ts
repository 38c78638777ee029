import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.js';
import { createFakeClock } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

/** A logger keeping the messages logged at info and above. */
function recordingLogger() {
  const lines: string[] = [];
  const keep = (message: string): void => void lines.push(message);
  return { lines, logger: { debug: () => {}, info: keep, warn: keep, error: keep } };
}

describe('what the scheduler logs at info and above', () => {
  it('leaves the lifecycle lines to the host (events), even for a scheduler stopped without starting', async () => {
    const { lines, logger } = recordingLogger();
    await using started = harness([{ name: 'tick', schedule: '* * * * *' }], { logger });
    await started.scheduler.start();
    await started.scheduler.stop();
    await using never = harness([{ name: 'tick', schedule: '* * * * *' }], { logger });
    await never.scheduler.stop();
    expect(lines).toEqual([]);
  });

  it('does not repeat a schedule override already in the store at every start, but logs a new one', async () => {
    const clock = createFakeClock(T0);
    await using store = createMemoryStore({ clock });
    await using first = harness([{ name: 'tick', schedule: '* * * * *' }], { clock, store });
    await first.scheduler.start();
    await store.updateJob('tick', { scheduleOverride: '*/5 * * * *' });
    await first.scheduler.stop();

    const { lines, logger } = recordingLogger();
    await using second = harness([{ name: 'tick', schedule: '* * * * *' }], { clock, store, logger });
    await second.scheduler.start();
    expect(lines).toEqual([]);
    await store.updateJob('tick', { scheduleOverride: '*/10 * * * *' });
    await clock.advance(60_000);
    expect(lines).toEqual(['Schedule changed']);
    await second.scheduler.stop();
  });
});
