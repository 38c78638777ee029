import { describe, expect, it } from 'vitest';
import type { DstOptions } from '../../src/index.js';
import { DAY, HOUR, MINUTE } from '../../src/testing.js';
import { harness } from './helpers.js';

/** Runs one job through the scheduler over `[from, from + durationMs)` and returns the slots it ran (ISO). */
async function slotsRun(
  schedule: string,
  timezone: string,
  from: string,
  durationMs: number,
  dst?: DstOptions,
): Promise<string[]> {
  // Rare store polls and long timer waits: days pass in a few hundred wakes; DST handling does not depend on them.
  await using h = harness([{ name: 'job', schedule, timezone, ...(dst ? { dst } : {}) }], {
    start: Date.parse(from),
    leaseMs: HOUR,
    maxTimerDelayMs: HOUR,
  });
  let wakes = 0;
  h.scheduler.on('run:started', () => wakes++);
  await h.scheduler.start();
  await h.clock.advance(durationMs);
  await h.scheduler.stop();
  const slots = h.ran('job').map((r) => r.scheduledFor.toISOString());
  expect(new Set(slots).size).toBe(slots.length); // never a slot twice
  expect(h.finished.every((r) => r.status === 'succeeded')).toBe(true);
  expect(wakes).toBe(slots.length);
  return slots;
}

const z = (s: string) => `${s}:00.000Z`;

describe('DST through the scheduler (fixed-time slots per the dst option; interval-like at every real instant)', () => {
  describe('America/New_York', () => {
    it('spring forward: a slot in the gap runs once at the jump (run-at-jump) or not at all (skip)', async () => {
      const atJump = await slotsRun('30 2 * * *', 'America/New_York', '2026-03-07T00:00:00Z', 3 * DAY);
      expect(atJump).toEqual([z('2026-03-07T07:30'), z('2026-03-08T07:00'), z('2026-03-09T06:30')]);
      const skip = await slotsRun('30 2 * * *', 'America/New_York', '2026-03-07T00:00:00Z', 3 * DAY, { gap: 'skip' });
      expect(skip).toEqual([z('2026-03-07T07:30'), z('2026-03-09T06:30')]);
    });

    it('fall back: a slot in the repeated hour runs once (first) or twice (both)', async () => {
      const first = await slotsRun('30 1 * * *', 'America/New_York', '2026-10-31T00:00:00Z', 3 * DAY);
      expect(first).toEqual([z('2026-10-31T05:30'), z('2026-11-01T05:30'), z('2026-11-02T06:30')]);
      const both = await slotsRun('30 1 * * *', 'America/New_York', '2026-10-31T00:00:00Z', 3 * DAY, {
        repeat: 'both',
      });
      expect(both).toEqual([
        z('2026-10-31T05:30'),
        z('2026-11-01T05:30'),
        z('2026-11-01T06:30'),
        z('2026-11-02T06:30'),
      ]);
    });

    it('interval-like schedules run every 15 real minutes across both transitions', async () => {
      for (const from of ['2026-03-07T19:00:00Z', '2026-10-31T18:00:00Z']) {
        const slots = await slotsRun('*/15 * * * *', 'America/New_York', from, DAY);
        expect(slots).toHaveLength(96);
        const gaps = slots.slice(1).map((s, i) => Date.parse(s) - Date.parse(slots[i]!));
        expect(new Set(gaps)).toEqual(new Set([15 * MINUTE]));
      }
    });
  });

  describe('Europe/Paris', () => {
    it('spring forward and fall back for 02:30', async () => {
      const spring = await slotsRun('30 2 * * *', 'Europe/Paris', '2026-03-28T00:00:00Z', 3 * DAY);
      expect(spring).toEqual([z('2026-03-28T01:30'), z('2026-03-29T01:00'), z('2026-03-30T00:30')]);
      const fall = await slotsRun('30 2 * * *', 'Europe/Paris', '2026-10-24T00:00:00Z', 3 * DAY);
      expect(fall).toEqual([z('2026-10-24T00:30'), z('2026-10-25T00:30'), z('2026-10-26T01:30')]);
      const both = await slotsRun('30 2 * * *', 'Europe/Paris', '2026-10-24T00:00:00Z', 3 * DAY, { repeat: 'both' });
      expect(both).toEqual([
        z('2026-10-24T00:30'),
        z('2026-10-25T00:30'),
        z('2026-10-25T01:30'),
        z('2026-10-26T01:30'),
      ]);
    });

    it('interval-like schedules keep firing hourly through the transitions', async () => {
      const slots = await slotsRun('0 * * * *', 'Europe/Paris', '2026-10-24T12:00:00Z', DAY);
      expect(slots).toHaveLength(24);
    });
  });

  describe('Australia/Lord_Howe (30-minute shift)', () => {
    it('spring forward (02:00 -> 02:30): 02:15 runs once at the jump, or is skipped', async () => {
      const atJump = await slotsRun('15 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 3 * DAY);
      expect(atJump).toEqual([z('2026-10-02T15:45'), z('2026-10-03T15:30'), z('2026-10-04T15:15')]);
      const skip = await slotsRun('15 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 3 * DAY, {
        gap: 'skip',
      });
      expect(skip).toEqual([z('2026-10-02T15:45'), z('2026-10-04T15:15')]);
    });

    it('fall back (02:00 -> 01:30): 01:45 runs once (first) or twice (both)', async () => {
      const first = await slotsRun('45 1 * * *', 'Australia/Lord_Howe', '2026-04-03T12:00:00Z', 3 * DAY);
      expect(first).toEqual([z('2026-04-03T14:45'), z('2026-04-04T14:45'), z('2026-04-05T15:15')]);
      const both = await slotsRun('45 1 * * *', 'Australia/Lord_Howe', '2026-04-03T12:00:00Z', 3 * DAY, {
        repeat: 'both',
      });
      expect(both).toEqual([
        z('2026-04-03T14:45'),
        z('2026-04-04T14:45'),
        z('2026-04-04T15:15'),
        z('2026-04-05T15:15'),
      ]);
    });

    it('interval-like schedules run at every real matching instant across both shifts', async () => {
      for (const from of ['2026-04-04T03:00:00Z', '2026-10-03T03:00:00Z']) {
        const slots = await slotsRun('*/15 * * * *', 'Australia/Lord_Howe', from, DAY);
        expect(slots).toHaveLength(96);
      }
      const hourly = await slotsRun('0 * * * *', 'Australia/Lord_Howe', '2026-04-04T03:00:00Z', DAY);
      // Local 01:00 (+11) is 14:00Z; the next local :00 after the shift back is 02:00 (+10:30) = 15:30Z.
      const gaps = hourly.slice(1).map((s, i) => (Date.parse(s) - Date.parse(hourly[i]!)) / MINUTE);
      expect(gaps.filter((g) => g !== 60)).toEqual([90]);
      expect(hourly).toContain(z('2026-04-04T14:00'));
      expect(hourly).toContain(z('2026-04-04T15:30'));
    });
  });
});
