import { describe, expect, it } from 'vitest';
import { describeCron, formatDuration } from '../src/output/format.js';
import { progressRatio } from '../src/output/progress.js';

describe('progressRatio', () => {
  it('reads { done, total } and <x>Done/<x>Total pairs', () => {
    expect(progressRatio({ done: 3, total: 10 })).toEqual({ value: 3, total: 10 });
    expect(progressRatio({ setsDone: 40, setsTotal: 172, cardsInserted: 900 })).toEqual({ value: 40, total: 172 });
  });

  it('ignores progress without a usable total', () => {
    expect(progressRatio(undefined)).toBeUndefined();
    expect(progressRatio('half')).toBeUndefined();
    expect(progressRatio({ done: 3 })).toBeUndefined();
    expect(progressRatio({ setsDone: 3, setsTotal: 0 })).toBeUndefined();
  });
});

describe('formatters', () => {
  it('describes cron expressions and nicknames in words', () => {
    expect(describeCron('0 3 * * *')).toBe('At 03:00');
    expect(describeCron('@daily')).toBe('At 00:00');
    expect(describeCron('not a cron')).toBe('not a cron');
  });

  it('formats durations with units', () => {
    expect(formatDuration(undefined)).toBe('-');
    expect(formatDuration(350)).toBe('350 ms');
    expect(formatDuration(1250)).toBe('1.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
