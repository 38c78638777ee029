import { describe, expect, expectTypeOf, it } from 'vitest';
import { SCHEDULER_EVENTS, type SchedulerEventMap } from '../../src/index.js';

describe('SCHEDULER_EVENTS', () => {
  it('lists exactly the keys of SchedulerEventMap (type test)', () => {
    expectTypeOf<(typeof SCHEDULER_EVENTS)[number]>().toEqualTypeOf<keyof SchedulerEventMap>();
  });

  it('is a frozen list of unique names, all in the past tense', () => {
    expect(Object.isFrozen(SCHEDULER_EVENTS)).toBe(true);
    expect(new Set(SCHEDULER_EVENTS).size).toBe(SCHEDULER_EVENTS.length);
    for (const name of SCHEDULER_EVENTS) expect(name, name).toMatch(/^[a-z]+:([a-z]+-)*[a-z]+ed$/);
    expect(SCHEDULER_EVENTS).toContain('run:started');
    expect(SCHEDULER_EVENTS).toContain('run:succeeded');
    expect(SCHEDULER_EVENTS).toContain('run:retry-scheduled');
    expect(SCHEDULER_EVENTS).not.toContain('run:start');
  });
});
