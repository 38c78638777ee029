import { describe, expect, it } from 'vitest';
import { durationMs, parseInstant } from '../src/parse.js';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('durations of the runner flags (--since, --until, ?window=)', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * 3_600_000],
    ['1.5h', 5_400_000],
    ['.5h', 1_800_000],
    ['250ms', 250],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s is %d ms', (value, ms) => {
    expect(durationMs(value)).toBe(ms);
    expect(parseInstant('--since', value, NOW).getTime()).toBe(NOW.getTime() - ms);
  });

  it.each(['5', 'h', '1 hour', '1.h', '-1h', 'yesterday'])('%s is not a duration', (value) => {
    expect(durationMs(value)).toBeUndefined();
    expect(() => parseInstant('--since', value, NOW)).toThrow(
      `--since: expected an ISO date (2026-11-01T03:00:00Z) or a duration ago (24h, 7d), got "${value}"`,
    );
  });
});
