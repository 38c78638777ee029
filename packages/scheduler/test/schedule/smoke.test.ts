import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/schedule/index.js';

describe('parseSchedule (first version)', () => {
  it('computes the next daily slot in UTC', () => {
    const schedule = parseSchedule('30 2 * * *');
    expect(schedule.next(Date.parse('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T02:30:00.000Z');
  });
});
