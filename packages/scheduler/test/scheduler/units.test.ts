import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/core/min-heap.js';
import { parseSchedule } from '../../src/index.js';
import { planCatchUp } from '../../src/policy/catch-up.js';
import { overlapDecision } from '../../src/policy/overlap.js';
import { ConcurrencyGate } from '../../src/run/concurrency-gate.js';
import { dueSlots } from '../../src/scheduler/due-slots.js';
import { sameJobState } from '../../src/scheduler/job-entry.js';
import { type Wake, WakeTimer } from '../../src/scheduler/wake-timer.js';
import type { JobState } from '../../src/store/types.js';
import { createFakeClock, HOUR, MINUTE, SECOND } from '../../src/testing.js';
import { T0 } from './helpers.js';

const hourly = parseSchedule('0 * * * *', { timezone: 'UTC' });
const defaults = { policy: 'skip', windowMs: 24 * HOUR, max: 10, spacingMs: 0 } as const;

describe('engine building blocks', () => {
  it('MinHeap pops by time, then insertion order', () => {
    const heap = new MinHeap<string>();
    for (const [at, v] of [
      [5, 'a'],
      [1, 'b'],
      [5, 'c'],
      [3, 'd'],
      [1, 'e'],
    ] as const)
      heap.push(at, v);
    const out: string[] = [];
    while (heap.size > 0) out.push(heap.pop()!.value);
    expect(out).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(heap.pop()).toBeUndefined();
  });

  it('ConcurrencyGate serves waiters in slot order and drops aborted ones', async () => {
    const gate = new ConcurrencyGate(1);
    const release = await gate.acquire('a', 0);
    const order: string[] = [];
    const aborted = new AbortController();
    const late = gate.acquire('late', 300).then((r) => {
      order.push('late');
      return r;
    });
    const gone = gate.acquire('gone', 100, aborted.signal).catch(() => order.push('gone-aborted'));
    const early = gate.acquire('early', 200).then((r) => {
      order.push('early');
      return r;
    });
    expect(gate.waiting('late') + gate.waiting('early') + gate.waiting('gone')).toBe(3);
    aborted.abort(new Error('stop'));
    await gone;
    release();
    (await early)();
    (await late)();
    expect(order).toEqual(['gone-aborted', 'early', 'late']);
    expect(gate.active).toBe(0);
  });

  it('dueSlots: on time, gap, and a clock moved backwards', () => {
    expect(dueSlots(hourly, T0, T0 + HOUR + 5 * SECOND)).toEqual({ onTime: new Date(T0 + HOUR), gap: undefined });
    const late = dueSlots(hourly, T0, T0 + 3 * HOUR + 10 * MINUTE);
    expect(late.onTime).toBeUndefined();
    expect(late.gap).toEqual({ afterMs: T0, upToMs: T0 + 3 * HOUR + 10 * MINUTE });
    const both = dueSlots(hourly, T0, T0 + 3 * HOUR + 30 * SECOND);
    expect(both.onTime).toEqual(new Date(T0 + 3 * HOUR));
    expect(both.gap).toEqual({ afterMs: T0, upToMs: T0 + 3 * HOUR - 1 });
    expect(dueSlots(hourly, T0 + 2 * HOUR, T0 + HOUR)).toEqual({ onTime: undefined, gap: undefined });
  });

  it('planCatchUp: window, latest/earliest/all and the bound on recorded slots', () => {
    const gap = { afterMs: T0, upToMs: T0 + 48 * HOUR, nowMs: T0 + 48 * HOUR };
    const skip = planCatchUp(hourly, defaults, gap);
    expect(skip.run).toEqual([]);
    expect(skip.missed).toHaveLength(48);
    const latest = planCatchUp(hourly, { ...defaults, policy: 'latest' }, gap);
    expect(latest.run).toEqual([new Date(T0 + 48 * HOUR)]);
    const earliest = planCatchUp(hourly, { ...defaults, policy: 'earliest' }, gap);
    expect(earliest.run).toEqual([new Date(T0 + 24 * HOUR)]);
    const all = planCatchUp(hourly, { ...defaults, policy: 'all', max: 3 }, gap);
    expect(all.run.map((d) => (d.getTime() - T0) / HOUR)).toEqual([46, 47, 48]);
    expect(all.missed).toHaveLength(45);
    const everySecond = parseSchedule('* * * * * *', { timezone: 'UTC' });
    const huge = planCatchUp(everySecond, defaults, {
      afterMs: T0,
      upToMs: T0 + 3 * 24 * HOUR,
      nowMs: T0 + 3 * 24 * HOUR,
    });
    expect(huge.truncated).toBe(true);
    expect(huge.missed.length).toBe(100);
    expect(huge.missed.at(-1)).toEqual(new Date(T0 + 3 * 24 * HOUR));
    // the documented bound: 100 missed records per gap, besides the slots that run, whatever the policy
    const bigGap = { afterMs: T0, upToMs: T0 + 3 * 24 * HOUR, nowMs: T0 + 3 * 24 * HOUR };
    for (const [policy, max, runs] of [
      ['skip', 10, 0],
      ['latest', 10, 1],
      ['earliest', 10, 1],
      ['all', 10, 10],
      ['all', 1, 1],
    ] as const) {
      const plan = planCatchUp(everySecond, { ...defaults, policy, max }, bigGap);
      expect([plan.run.length, plan.missed.length], `${policy} max ${max}`).toEqual([runs, 100]);
    }
  });

  it('overlapDecision', () => {
    expect(overlapDecision('skip', 0, 0)).toBe('run');
    expect(overlapDecision('skip', 1, 0)).toBe('skip');
    expect(overlapDecision('buffer-one', 1, 0)).toBe('wait');
    expect(overlapDecision('buffer-one', 1, 1)).toBe('skip');
    expect(overlapDecision('buffer-all', 2, 5)).toBe('wait');
    expect(overlapDecision('cancel-other', 1, 0)).toBe('replace');
    expect(overlapDecision('allow-all', 3, 0)).toBe('run');
  });

  it('WakeTimer caps each wait, re-arms early wakes, and reports late and backward wakes', async () => {
    const clock = createFakeClock(T0);
    const wakes: Wake[] = [];
    const timer = new WakeTimer(
      clock,
      () => clock.now(),
      (wake) => wakes.push(wake),
      MINUTE,
    );
    timer.arm(T0 + 10 * MINUTE);
    await clock.advance(10 * MINUTE - 1);
    expect(wakes).toEqual([]);
    await clock.advance(1);
    expect(wakes).toMatchObject([{ reachedTarget: true, lateByMs: 0, jumpMs: 0 }]);
    timer.arm(T0 + 20 * MINUTE);
    clock.set(T0 + 5 * MINUTE);
    await clock.advance(MINUTE);
    expect(wakes[1]).toMatchObject({ reachedTarget: false, jumpMs: -5 * MINUTE });
    timer.arm(T0 + 7 * MINUTE);
    clock.set(T0 + 2 * HOUR);
    await clock.advance(MINUTE);
    expect(wakes[2]).toMatchObject({ reachedTarget: true });
    expect(wakes[2]?.jumpMs).toBeGreaterThan(HOUR);
    timer.clear();
  });
});

describe('sameJobState (the poll keeps the row it holds when nothing changed)', () => {
  const row: JobState = {
    name: 'j',
    schedule: '* * * * *',
    timezone: 'UTC',
    dependsOn: ['a'],
    paused: false,
    circuit: { state: 'closed', consecutiveFailures: 0 },
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
  };
  it('is true for an equal copy and false for any change, even within the same updatedAt', () => {
    expect(sameJobState(row, { ...row, dependsOn: ['a'], createdAt: new Date(T0), updatedAt: new Date(T0) })).toBe(
      true,
    );
    const changes: Partial<JobState>[] = [
      { paused: true },
      { pauseNote: 'n' },
      { scheduleOverride: '0 * * * *' },
      { dependsOn: ['b'] },
      { dependsOn: [] },
      { description: 'd' },
      { circuit: { state: 'open', consecutiveFailures: 3, openedAt: new Date(T0) } },
      { circuit: { state: 'closed', consecutiveFailures: 1 } },
      { updatedAt: new Date(T0 + 1) },
    ];
    for (const change of changes) expect(sameJobState(row, { ...row, ...change })).toBe(false);
  });
});
