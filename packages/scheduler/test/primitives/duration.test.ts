import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/duration.js';
import { InvalidJobError } from '../../src/errors.js';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [2_500, 2_500],
    ['250ms', 250],
    ['90s', 90_000],
    ['15m', 900_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
    ['0s', 0],
  ] as const)('%s is %d ms', (value, ms) => {
    expect(parseDuration(value, 'window')).toBe(ms);
  });

  it.each([
    [-1, 'got -1.'],
    [Number.NaN, 'got NaN.'],
    [Number.POSITIVE_INFINITY, 'got Infinity.'],
    ['15 minutes', 'got "15 minutes". Use one of the units ms, s, m, h, d (not "minutes").'],
    ['10w', 'got "10w". Use one of the units ms, s, m, h, d (not "w").'],
    ['', 'got "".'],
    ['h', 'got "h".'],
    ['-5m', 'got "-5m".'],
    [null, 'got null.'],
  ])('rejects %s with a message naming the field', (value, tail) => {
    const run = (): number => parseDuration(value as never, 'catchUp.window');
    expect(run).toThrow(InvalidJobError);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_JOB', field: 'catchUp.window' }));
    expect(run).toThrow(
      `parseDuration(): expected \`catchUp.window\` to be a duration: milliseconds (a finite number, zero or more) or a string like "250ms", "90s", "15m", "24h" or "7d", ${tail}`,
    );
  });
});
