import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lifecycle, type SchedulerState } from '../../src/scheduler/lifecycle.js';
import { MINUTE } from '../../src/testing.js';
import { harness, T0 } from './helpers.js';

type Step = 'start' | 'started' | 'stop' | 'stopped';

function run(steps: Step[]): Lifecycle {
  const lifecycle = new Lifecycle();
  for (const step of steps) {
    if (step === 'start') lifecycle.beginStart();
    else if (step === 'started') lifecycle.started();
    else if (step === 'stop') lifecycle.beginStop();
    else lifecycle.stopped();
  }
  return lifecycle;
}

describe('scheduler lifecycle state', () => {
  it.each<[Step[], SchedulerState, boolean, boolean]>([
    [[], 'created', false, false],
    [['start'], 'starting', true, false],
    [['start', 'started'], 'running', true, false],
    [['start', 'started', 'stop'], 'stopping', false, true],
    [['start', 'started', 'stop', 'stopped'], 'stopped', false, true],
    [['stop'], 'stopping', false, true],
    [['start', 'stop', 'started'], 'stopping', false, true],
  ])('%j → %s (live %s, halted %s)', (steps, state, live, halted) => {
    const lifecycle = run(steps);
    expect(lifecycle.state).toBe(state);
    expect(lifecycle.live).toBe(live);
    expect(lifecycle.halted).toBe(halted);
  });

  it('refuses a second start and a start after stop, and a second stop is a no-op', () => {
    expect(() => run(['start']).beginStart()).toThrow(/start\(\) was already called/);
    expect(() => run(['stop']).beginStart()).toThrow(/start\(\) after stop\(\): create a new scheduler/);
    expect(run(['stop']).beginStop()).toBe(false);
    expect(() => run(['stop']).assertNotHalted('trigger')).toThrow(
      expect.objectContaining({
        code: 'SCHEDULER_STATE',
        message: expect.stringMatching(/trigger\(\) after stop\(\)/),
      }),
    );
  });
});

describe('scheduler lifecycle through the public API', () => {
  it('start() twice, start() after stop() and trigger() after stop() reject with SCHEDULER_STATE', async () => {
    await using h = harness([{ name: 'a', schedule: '* * * * *' }]);
    const { scheduler } = h;
    await scheduler.start();
    await expect(scheduler.start()).rejects.toMatchObject({ code: 'SCHEDULER_STATE' });
    const stopping = scheduler.stop();
    expect(scheduler.stop()).toBe(stopping);
    await stopping;
    await expect(scheduler.start()).rejects.toThrow(/after stop\(\): create a new scheduler/);
    await expect(scheduler.trigger('a')).rejects.toThrow(/trigger\(\) after stop\(\)/);
  });

  it('a stop() while start() awaits the store: start resolves its plan and nothing runs', async () => {
    await using h = harness([{ name: 'a', schedule: '* * * * *' }]);
    const starting = h.scheduler.start();
    await h.scheduler.stop();
    await expect(starting).resolves.toMatchObject({ added: ['a'] });
    await h.clock.advanceTo(new Date(T0 + 3 * MINUTE));
    expect(h.finished).toEqual([]);
  });
});

describe('engine layout', () => {
  const src = join(import.meta.dirname, '../../src');
  it.each(['scheduler', 'run'])('%s/ holds no file over 250 lines', (folder) => {
    for (const file of readdirSync(join(src, folder)).filter((name) => name.endsWith('.ts'))) {
      const lines = readFileSync(join(src, folder, file), 'utf8').split('\n').length;
      expect(lines, `${folder}/${file}`).toBeLessThanOrEqual(250);
    }
  });

  it('the engine keeps no boolean state flags: its lifecycle is one state', () => {
    const engine = readFileSync(join(src, 'scheduler/engine.ts'), 'utf8');
    expect(engine).not.toMatch(/#\w+ = (true|false)\b/);
    expect(engine).toMatch(/new Lifecycle\(\)/);
  });
});
